package dev.lossservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One named case of the PyTorch reference fixtures under {@code src/test/resources/fixtures/},
 * written by {@code scripts/generate_fixtures.py} (PyTorch 1.13, float64), for the web-layer tests:
 * the request body made of the case's inputs and options, and PyTorch's outputs to compare the
 * answer with. A JSON {@code null} in the fixture stands for NaN, the strings {@code "Infinity"}
 * and {@code "-Infinity"} for the infinities. (The core's tests read every case with their own
 * reader, {@code dev.lossservice.core.Fixtures}.)
 */
public final class PyTorchFixtures {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private PyTorchFixtures() {}

    /**
     * The case called {@code name} in {@code fixtures/<file>}; fails if the file was not written by
     * the generator script or holds no such case.
     */
    public static Case find(String file, String name) {
        JsonNode root = read(file);
        assertThat(root.get("provenance").get("generator").asString())
                .as("%s provenance", file)
                .isIn("scripts/generate_fixtures.py", "scripts/generate_fixtures_bs.py");
        assertThat(root.get("provenance").get("dtype").asString()).isEqualTo("float64");
        for (JsonNode node : root.get("cases")) {
            if (node.get("name").asString().equals(name)) {
                return new Case(
                        file, name, node.get("inputs"), node.get("options"), node.get("expected"));
            }
        }
        return fail("%s has no case '%s'", file, name);
    }

    /** One case: its inputs, options and PyTorch's outputs. */
    public record Case(
            String file, String name, JsonNode inputs, JsonNode options, JsonNode expected) {

        /**
         * A request body holding exactly the named fields, each taken from the case's inputs or
         * options under the same name (the fixtures use the API's field names).
         */
        public String body(String... fields) {
            ObjectNode body = MAPPER.createObjectNode();
            for (String field : fields) {
                JsonNode value = inputs.has(field) ? inputs.get(field) : options.get(field);
                if (value == null) {
                    fail("%s: case '%s' has no input or option '%s'", file, name, field);
                }
                body.set(field, value);
            }
            return MAPPER.writeValueAsString(body);
        }

        /** PyTorch's output {@code field}, as the fixture holds it. */
        public JsonNode expect(String field) {
            JsonNode value = expected.get(field);
            if (value == null) {
                fail("%s: case '%s' has no expected '%s'", file, name, field);
            }
            return value;
        }

        /** A scalar output, e.g. {@code loss}. */
        public double number(String field) {
            return PyTorchFixtures.number(expect(field));
        }

        /** An output array, flattened row-major, e.g. {@code gradient}. */
        public double[] numbers(String field) {
            List<Double> values = new ArrayList<>();
            collect(expect(field), values);
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Element {@code index} of an output, flattened: sample {@code index} of a 1-D one. */
        public double number(String field, int index) {
            return numbers(field)[index];
        }

        /** Row {@code index} of a 2-D output, e.g. one sample's {@code probabilities}. */
        public double[] row(String field, int index) {
            List<Double> values = new ArrayList<>();
            collect(expect(field).get(index), values);
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }

        @Override
        public String toString() {
            return name + " (" + file + ")";
        }
    }

    /** The numbers of a (nested) fixture array, row-major, null read as NaN. */
    public static double[] numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        collect(array, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode node, List<Double> values) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, values);
            }
        } else {
            values.add(number(node));
        }
    }

    /** One number of a fixture: null is NaN, "Infinity"/"-Infinity" the infinities. */
    public static double number(JsonNode node) {
        if (node.isNull()) {
            return Double.NaN;
        }
        if (node.isString()) {
            return switch (node.asString()) {
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + node);
            };
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("not a number: " + node);
        }
        return node.asDouble();
    }

    /** The whole of {@code fixtures/<file>}, as the generator script wrote it. */
    public static JsonNode read(String file) {
        String resource = "/fixtures/" + file;
        try (InputStream in = PyTorchFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
