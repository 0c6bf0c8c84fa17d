package dev.lossservice.explain;

import static dev.lossservice.WebTestSupport.assertProblem;
import static dev.lossservice.WebTestSupport.body;
import static dev.lossservice.WebTestSupport.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.PyTorchFixtures;
import dev.lossservice.WebTestSupport;
import dev.lossservice.explain.MiniNumpy.Array;
import dev.lossservice.explain.MiniNumpy.Kind;
import dev.lossservice.explain.MiniNumpy.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ?explain=true} on every endpoint, checked the way a learner would check it: each step's
 * {@code numpy} expression is evaluated in order ({@link MiniNumpy}) over the request's fields, the
 * contract's defaults and the earlier steps' results, and must give the step's {@code value} to
 * 1e-12 (absolute below 1, relative above). The requests are every case of the PyTorch fixtures
 * ({@code src/test/resources/fixtures/}, written by {@code scripts/generate_fixtures.py}) and every
 * OpenAPI example; the values are the live answers, nothing here is typed in by hand.
 */
@WebMvcTest
class ExplainStepsTests {

    private static final double TOLERANCE = 1e-12;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** An endpoint: its path, its request fields, which of them hold class indices. */
    private record Endpoint(String uri, List<String> fields, Set<String> indexFields) {}

    private static final Endpoint CROSS_ENTROPY =
            new Endpoint(
                    "/loss/cross-entropy",
                    List.of(
                            "logits",
                            "target",
                            "targetProbabilities",
                            "weight",
                            "ignoreIndex",
                            "labelSmoothing",
                            "reduction",
                            "upstreamGradient"),
                    Set.of("target"));
    private static final Endpoint NLL =
            new Endpoint(
                    "/loss/nll",
                    List.of(
                            "logProbabilities",
                            "target",
                            "weight",
                            "ignoreIndex",
                            "reduction",
                            "upstreamGradient"),
                    Set.of("target"));
    private static final Endpoint BCE =
            new Endpoint(
                    "/loss/bce",
                    List.of(
                            "probabilities",
                            "logits",
                            "target",
                            "targetClasses",
                            "weight",
                            "posWeight",
                            "reduction",
                            "upstreamGradient"),
                    Set.of("targetClasses"));
    private static final Endpoint SOFTMAX =
            new Endpoint(
                    "/softmax",
                    List.of(
                            "logits",
                            "temperature",
                            "dim",
                            "upstreamGradient",
                            "upstreamLogGradient"),
                    Set.of());

    /** The contract's defaults of the scalar fields, as the expressions see them when absent. */
    private static final Map<String, Value> DEFAULTS =
            Map.of(
                    "ignoreIndex", Array.scalar(-100, Kind.INT),
                    "labelSmoothing", Array.scalar(0.0, Kind.FLOAT),
                    "reduction", new MiniNumpy.Text("mean"),
                    "temperature", Array.scalar(1.0, Kind.FLOAT),
                    "dim", Array.scalar(-1, Kind.INT));

    @Autowired private MockMvcTester mvc;

    static Stream<Arguments> requests() {
        List<Arguments> requests = new ArrayList<>();
        Map<String, Endpoint> files = new LinkedHashMap<>();
        files.put("cross_entropy.json", CROSS_ENTROPY);
        files.put("nll.json", NLL);
        files.put("bce.json", BCE);
        files.put("softmax.json", SOFTMAX);
        files.forEach(
                (file, endpoint) -> {
                    for (JsonNode fixture : PyTorchFixtures.read(file).get("cases")) {
                        ObjectNode body = MAPPER.createObjectNode();
                        for (String field : endpoint.fields()) {
                            JsonNode value =
                                    fixture.get("inputs").has(field)
                                            ? fixture.get("inputs").get(field)
                                            : fixture.get("options").get(field);
                            if (value != null && !value.isNull()) {
                                body.set(field, value);
                            }
                        }
                        requests.add(
                                Arguments.of(
                                        file + ": " + fixture.get("name").asString(),
                                        endpoint,
                                        MAPPER.writeValueAsString(body)));
                    }
                });
        // Contract version 2's cases (any rank, empty batches, broadcasting, upstream
        // gradients), written by scripts/generate_fixtures_rank.py and generate_fixtures_bs.py:
        // each holds its request as sent.
        Map<String, Endpoint> versionTwo = new LinkedHashMap<>();
        versionTwo.put("cross_entropy_v2.json", CROSS_ENTROPY);
        versionTwo.put("nll_v2.json", NLL);
        versionTwo.put("bce_v2.json", BCE);
        versionTwo.put("softmax_v2.json", SOFTMAX);
        versionTwo.forEach(
                (file, endpoint) -> {
                    for (JsonNode fixture : PyTorchFixtures.read(file).get("cases")) {
                        requests.add(
                                Arguments.of(
                                        file + ": " + fixture.get("name").asString(),
                                        endpoint,
                                        MAPPER.writeValueAsString(fixture.get("request"))));
                    }
                });
        Map<String, Endpoint> examples = new LinkedHashMap<>();
        examples.put("cross-entropy-seed", CROSS_ENTROPY);
        examples.put("cross-entropy-probabilities", CROSS_ENTROPY);
        examples.put("cross-entropy-label-smoothing", CROSS_ENTROPY);
        examples.put("nll", NLL);
        examples.put("bce-probabilities", BCE);
        examples.put("bce-logits", BCE);
        examples.put("bce-logits-1d", BCE);
        examples.put("bce-sigmoid-multi-class", BCE);
        examples.put("softmax", SOFTMAX);
        examples.put("cross-entropy-segmentation", CROSS_ENTROPY);
        examples.put("cross-entropy-unbatched", CROSS_ENTROPY);
        examples.put("nll-segmentation", NLL);
        examples.put("nll-unbatched", NLL);
        examples.put("bce-segmentation", BCE);
        examples.put("bce-unbatched", BCE);
        examples.put("softmax-dim", SOFTMAX);
        examples.put("softmax-unbatched", SOFTMAX);
        examples.forEach(
                (name, endpoint) ->
                        requests.add(
                                Arguments.of(
                                        "example " + name,
                                        endpoint,
                                        WebTestSupport.example(name))));
        return requests.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void numpyExpressionsReproduceEveryStepAndTheAnswer(
            String name, Endpoint endpoint, String request) {
        MvcTestResult plain = send(endpoint.uri(), request);
        MvcTestResult explained = send(endpoint.uri() + "?explain=true", request);
        int status = plain.getResponse().getStatus();
        if (status != 200) {
            // An answer refused without explain is refused the same way with it.
            assertThat(explained).hasStatus(status);
            return;
        }
        assertThat(explained).hasStatusOk();
        JsonNode answer = body(explained);
        JsonNode steps = answer.get("steps");
        assertThat(steps).as("steps").isNotNull();
        assertThat(body(plain).has("steps")).isFalse();

        Map<String, Value> names = bindings(endpoint, MAPPER.readTree(request));
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode step : steps) {
            String stepName = step.get("name").asString();
            String numpy = step.get("numpy").asString();
            assertThat(step.get("formula").asString()).isNotBlank();
            assertThat(byName).as("step names are unique").doesNotContainKey(stepName);
            Array computed = MiniNumpy.array(MiniNumpy.evaluate(numpy, names));
            Array stated = toArray(step.get("value"), Kind.FLOAT);
            assertClose(stepName + " = " + numpy, computed, stated);
            names.put(stepName, computed);
            byName.put(stepName, step.get("value"));
        }
        answerHoldsTheSameNumbers(endpoint, answer, byName);
    }

    /** Every step value that the answer also holds is the same number, not merely close. */
    private static void answerHoldsTheSameNumbers(
            Endpoint endpoint, JsonNode answer, Map<String, JsonNode> steps) {
        if (endpoint == SOFTMAX) {
            // Over a dim of size 0 there is no log-sum-exp (null in the answer) and no step.
            List<String> fields =
                    answer.has("undefinedReason")
                            ? List.of("probabilities", "logProbabilities")
                            : List.of("probabilities", "logProbabilities", "logSumExp");
            for (String field : fields) {
                assertThat(numbers(steps.get(field))).containsExactly(numbers(answer.get(field)));
            }
            if (answer.has("gradient")) {
                assertThat(numbers(steps.get("gradient")))
                        .containsExactly(numbers(answer.get("gradient")));
            } else {
                assertThat(steps).doesNotContainKey("gradient");
            }
            return;
        }
        assertThat(steps.get("lossSum").doubleValue())
                .isEqualTo(answer.get("lossSum").doubleValue());
        assertThat(steps.get("denominator").doubleValue())
                .isEqualTo(answer.get("denominator").doubleValue());
        if (answer.get("loss").isNull()) {
            assertThat(steps).doesNotContainKey("loss");
        } else {
            assertThat(steps.get("loss").doubleValue()).isEqualTo(answer.get("loss").doubleValue());
        }
        if (answer.get("gradient").isNull()) {
            assertThat(steps).doesNotContainKey("gradient");
        } else {
            assertThat(numbers(steps.get("gradient")))
                    .containsExactly(numbers(answer.get("gradient")));
        }
        JsonNode samples = answer.get("samples");
        if (samples.isEmpty()) {
            return;
        }
        boolean rowsOfElements = endpoint == BCE && samples.get(0).has("elementLosses");
        String perSample = endpoint == BCE && !rowsOfElements ? "perElement" : "perSample";
        double[] losses = numbers(steps.get(perSample));
        for (int n = 0; n < samples.size(); n++) {
            JsonNode sample = samples.get(n);
            assertThat(losses[n]).isEqualTo(sample.get("loss").doubleValue());
            if (endpoint == CROSS_ENTROPY) {
                assertThat(numbers(steps.get("softmax").get(n)))
                        .containsExactly(numbers(sample.get("probabilities")));
            }
            if (endpoint == NLL && steps.containsKey("sampleWeight")) {
                assertThat(numbers(steps.get("sampleWeight"))[n])
                        .isEqualTo(sample.get("weight").doubleValue());
            }
            if (rowsOfElements) {
                assertThat(numbers(steps.get("perElement").get(n)))
                        .containsExactly(numbers(sample.get("elementLosses")));
            }
            if (endpoint == BCE && sample.has("probabilities")) {
                JsonNode sigmoid = steps.get("sigmoid");
                // A 0-d input's sigmoid is one number, its only sample's.
                sigmoid = sigmoid.isArray() ? sigmoid.get(n) : sigmoid;
                assertThat(numbers(sigmoid)).containsExactly(numbers(sample.get("probabilities")));
            }
        }
    }

    @Test
    void theSeedRequestExplainsTheTutorialsSteps() {
        MvcTestResult result =
                send(
                        "/loss/cross-entropy?explain=true",
                        WebTestSupport.example("cross-entropy-seed"));
        List<String> names = new ArrayList<>();
        body(result).get("steps").forEach(step -> names.add(step.get("name").asString()));
        assertThat(names)
                .containsExactly(
                        "shifted",
                        "exp",
                        "softmax",
                        "logSoftmax",
                        "oneHot",
                        "perSample",
                        "lossSum",
                        "denominator",
                        "loss",
                        "gradient");
        JsonNode gradient = body(result).get("steps").get(names.indexOf("gradient"));
        assertThat(gradient.get("numpy").asString()).isEqualTo("(softmax - oneHot) / denominator");
    }

    @Test
    void explainFalseAndAbsentLeaveStepsOut() throws Exception {
        String seed = WebTestSupport.example("cross-entropy-seed");
        String plain = send("/loss/cross-entropy", seed).getResponse().getContentAsString();
        for (String query : List.of("?explain=false", "?explain=", "?explain=no")) {
            assertThat(send("/loss/cross-entropy" + query, seed).getResponse().getContentAsString())
                    .as(query)
                    .isEqualTo(plain);
        }
        assertThat(plain).doesNotContain("steps");
    }

    @Test
    void explainThatIsNotABooleanIsRefusedNamingTheParameter() {
        Map<String, String> examples =
                Map.of("/loss/cross-entropy", "cross-entropy-seed", "/softmax", "softmax");
        examples.forEach(
                (uri, example) -> {
                    JsonNode problem =
                            assertProblem(
                                    send(uri + "?explain=maybe", WebTestSupport.example(example)),
                                    HttpStatus.BAD_REQUEST);
                    assertThat(problem.get("detail").asString()).contains("'explain'");
                });
    }

    @Test
    void anInputAtTheExplainCapIsExplained() {
        assertThat(send("/loss/cross-entropy?explain=true", crossEntropyOfWidth(10_000)))
                .hasStatusOk();
    }

    @Test
    void anInputOverTheExplainCapIsRefusedNamingTheLimit() {
        for (String uri : List.of("/loss/cross-entropy", "/softmax")) {
            String request = crossEntropyOfWidth(10_001);
            if (uri.equals("/softmax")) {
                request = request.replace(",\"target\":[0]", "");
            }
            assertThat(send(uri, request)).hasStatusOk();
            JsonNode problem =
                    assertProblem(send(uri + "?explain=true", request), HttpStatus.BAD_REQUEST);
            assertThat(problem.get("type").asString())
                    .isEqualTo("urn:loss-service:problem:too-large-to-explain");
            assertThat(problem.get("limit").asString()).isEqualTo("max-explain-elements");
            assertThat(problem.get("limitValue").asLong()).isEqualTo(10_000);
            assertThat(problem.get("detail").asString())
                    .contains("max-explain-elements", "10000", "logits holds 10001");
        }
    }

    /** One sample of {@code classes} logits 0, 1, 2 ... with target 0. */
    private static String crossEntropyOfWidth(int classes) {
        double[] logits = new double[classes];
        Arrays.setAll(logits, c -> c % 7);
        return "{\"logits\":[" + MAPPER.writeValueAsString(logits) + "],\"target\":[0]}";
    }

    private MvcTestResult send(String uri, String body) {
        return mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    /** The request's fields as NumPy sees them: arrays, None when absent, scalar defaults. */
    private static Map<String, Value> bindings(Endpoint endpoint, JsonNode request) {
        Map<String, Value> names = new HashMap<>();
        for (String field : endpoint.fields()) {
            JsonNode value = request.get(field);
            if (value == null || value.isNull()) {
                names.put(field, DEFAULTS.getOrDefault(field, MiniNumpy.none()));
            } else if (value.isString()) {
                names.put(field, new MiniNumpy.Text(value.asString()));
            } else {
                names.put(
                        field,
                        toArray(
                                value,
                                endpoint.indexFields().contains(field)
                                                || (value.isNumber() && value.isIntegralNumber())
                                        ? Kind.INT
                                        : Kind.FLOAT));
            }
        }
        return names;
    }

    private static Array toArray(JsonNode node, Kind kind) {
        List<Integer> shape = new ArrayList<>();
        for (JsonNode n = node; n.isArray(); n = n.get(0)) {
            shape.add(n.size());
            if (n.isEmpty()) {
                break;
            }
        }
        double[] values = node.isArray() ? numbers(node) : new double[] {node.doubleValue()};
        return new Array(values, shape.stream().mapToInt(Integer::intValue).toArray(), kind);
    }

    private static void assertClose(String what, Array computed, Array stated) {
        if (stated.values().length == 0) {
            // JSON's nested arrays drop the sizes after a zero-size dimension ([] for 0 x 3).
            assertThat(computed.values()).as("values of %s", what).isEmpty();
            return;
        }
        assertThat(computed.shape()).as("shape of %s", what).containsExactly(stated.shape());
        for (int i = 0; i < stated.values().length; i++) {
            double expected = stated.values()[i];
            double actual = computed.values()[i];
            assertThat(Math.abs(actual - expected))
                    .as("%s, element %d: %s vs %s", what, i, actual, expected)
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected)));
        }
    }
}
