package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lossservice.PyTorchFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.JsonNode;

/**
 * Reads the PyTorch reference fixtures under {@code src/test/resources/fixtures/}, written by
 * {@code scripts/generate_fixtures.py} (PyTorch 1.13, float64). A JSON {@code null} stands for NaN,
 * the strings {@code "Infinity"} and {@code "-Infinity"} for the infinities.
 */
final class Fixtures {

    private Fixtures() {}

    /** One case of a fixture file: its inputs, options and PyTorch's outputs. */
    record Case(String file, String name, JsonNode inputs, JsonNode options, JsonNode expected) {

        JsonNode input(String field) {
            return require(inputs, field);
        }

        JsonNode option(String field) {
            return require(options, field);
        }

        JsonNode expect(String field) {
            return require(expected, field);
        }

        /** A label for an assertion on {@code field}, naming the case it belongs to. */
        String at(String field) {
            return field + " of '" + name + "' (" + file + ")";
        }

        /**
         * Asserts that {@code actual} matches PyTorch's reduced loss, sum and denominator (a null
         * loss in the fixture stands for NaN: reduction 'none', or a mean over zero weight).
         */
        void assertReducedLoss(ReducedLoss actual) {
            double expectedLoss = number(expect("loss"));
            assertThat(actual.isDefined())
                    .as(at("loss defined"))
                    .isEqualTo(!Double.isNaN(expectedLoss));
            Tolerance.assertClose(at("loss"), expectedLoss, actual.value());
            Tolerance.assertClose(at("lossSum"), number(expect("lossSum")), actual.lossSum());
            Tolerance.assertClose(
                    at("denominator"), number(expect("denominator")), actual.denominator());
        }

        boolean hasInput(String field) {
            return inputs.has(field);
        }

        Reduction reduction() {
            return Reduction.valueOf(option("reduction").asString().toUpperCase(Locale.ROOT));
        }

        private JsonNode require(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null) {
                fail("%s: case '%s' has no field '%s'", file, name, field);
            }
            return value;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Every case of {@code fixtures/<file>}, each as a named argument set. Fails if the file is
     * missing, was not written by the generator script, or holds no case.
     */
    static Stream<Arguments> cases(String file) {
        JsonNode root = read(file);
        JsonNode provenance = root.get("provenance");
        assertThat(provenance.get("generator").asString())
                .as("%s provenance", file)
                .isIn("scripts/generate_fixtures.py", "scripts/generate_fixtures_bs.py");
        assertThat(provenance.get("dtype").asString()).isEqualTo("float64");
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode node : root.get("cases")) {
            Case fixture =
                    new Case(
                            file,
                            node.get("name").asString(),
                            node.get("inputs"),
                            node.get("options"),
                            node.get("expected"));
            cases.add(Arguments.argumentSet(fixture.name(), fixture));
        }
        assertThat(cases).as("cases in %s", file).isNotEmpty();
        return cases.stream();
    }

    private static JsonNode read(String file) {
        return PyTorchFixtures.read(file);
    }

    /** One number: null is NaN, "Infinity"/"-Infinity" the infinities. */
    static double number(JsonNode node) {
        return PyTorchFixtures.number(node);
    }

    /** A 1-D or 2-D array of numbers, flattened row-major. */
    static double[] doubles(JsonNode node) {
        List<Double> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (element.isArray()) {
                for (JsonNode inner : element) {
                    values.add(number(inner));
                }
            } else {
                values.add(number(element));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A tensor of any rank (a bare number is 0-d), flattened row-major. */
    static double[] flat(JsonNode node) {
        List<Double> values = new ArrayList<>();
        flatten(node, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode node, List<Double> values) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                flatten(element, values);
            }
        } else {
            values.add(number(node));
        }
    }

    /** {@link #flat}, or null for a JSON null (an absent option). */
    static double[] optionalFlat(JsonNode node) {
        return node.isNull() ? null : flat(node);
    }

    /** {@link #ints} of an array of integers, or null for a JSON null. */
    static int[] optionalInts(JsonNode node) {
        return node.isNull() ? null : ints(node);
    }

    /** {@link #doubles}, or null for a JSON null (an absent optional vector). */
    static double[] optionalDoubles(JsonNode node) {
        return node.isNull() ? null : doubles(node);
    }

    /** A 2-D array as N x C, or a 1-D array of N numbers as N x 1 (as the core reads it). */
    static Matrix matrix(JsonNode node) {
        int rows = node.size();
        int columns = node.get(0).isArray() ? node.get(0).size() : 1;
        return new Matrix(rows, columns, doubles(node));
    }

    static int[] ints(JsonNode node) {
        int[] values = new int[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asInt();
        }
        return values;
    }

    static boolean[] booleans(JsonNode node) {
        boolean[] values = new boolean[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asBoolean();
        }
        return values;
    }
}
