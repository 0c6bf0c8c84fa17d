package dev.lossservice.crossentropy;

import static dev.lossservice.WebTestSupport.assertProblem;
import static dev.lossservice.WebTestSupport.body;
import static dev.lossservice.WebTestSupport.numbers;
import static dev.lossservice.WebTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossservice.PyTorchFixtures;
import dev.lossservice.PyTorchFixtures.Case;
import dev.lossservice.WebTestSupport;
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

/**
 * {@code POST /loss/cross-entropy}. Expected values: PyTorch 1.13 float64, {@code F.cross_entropy}
 * and {@code .backward()}, from the fixture cases that each test names in {@code
 * src/test/resources/fixtures/cross_entropy.json} (written by {@code
 * scripts/generate_fixtures.py}); the request bodies are made of the same cases' inputs.
 */
@WebMvcTest(CrossEntropyController.class)
class CrossEntropyControllerTests {

    private static final String URI = "/loss/cross-entropy";
    private static final double TOLERANCE = 1e-12;
    private static final String FIXTURES = "cross_entropy.json";

    /** The tutorial's example: logits for 3 samples and 4 classes, default options. */
    private static final Case SEED_MEAN = PyTorchFixtures.find(FIXTURES, "seed example, mean");

    private static final String SEED = SEED_MEAN.body("logits", "target");

    @Autowired private MockMvcTester mvc;

    @Test
    void seedExampleGivesPyTorchLossExactly() {
        // PyTorch 1.13 float64: F.cross_entropy, fixture case "seed example, mean"
        Case seed = SEED_MEAN;
        MvcTestResult result = post(mvc, URI, SEED);
        assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.loss").isEqualTo(seed.number("loss"));
        JsonNode body = body(result);
        assertThat(body.get("reduction").asString()).isEqualTo("mean");
        assertThat(body.get("lossSum").doubleValue())
                .isCloseTo(seed.number("lossSum"), within(TOLERANCE));
        assertThat(body.get("denominator").doubleValue()).isEqualTo(seed.number("denominator"));
        assertThat(body.has("lossUndefinedReason")).isFalse();
        assertThat(numbers(body.get("gradient")))
                .containsExactly(seed.numbers("gradient"), within(TOLERANCE));
        assertThat(body.get("gradient")).hasSize(3);

        JsonNode first = body.get("samples").get(0);
        assertThat(body.get("samples")).hasSize(3);
        assertThat(first.get("index").asInt()).isZero();
        assertThat(first.get("target").asInt()).isZero();
        assertThat(first.get("ignored").asBoolean()).isFalse();
        assertThat(first.get("weight").doubleValue()).isEqualTo(seed.number("sampleWeights", 0));
        assertThat(first.get("loss").doubleValue())
                .isCloseTo(seed.number("sampleLosses", 0), within(TOLERANCE));
        // softmax of row 0; its first entry (the target's) is exp(-loss_0)
        assertThat(numbers(first.get("probabilities")))
                .containsExactly(seed.row("probabilities", 0), within(TOLERANCE));
        assertThat(first.get("targetProbability").doubleValue())
                .isCloseTo(seed.row("probabilities", 0)[0], within(TOLERANCE));
        assertThat(first.get("predictedClass").asInt())
                .isEqualTo(seed.expect("predictedClass").get(0).asInt());
    }

    @Test
    void sumReductionReturnsTheLossSumAndItsGradient() {
        // PyTorch 1.13 float64: F.cross_entropy, fixture case "seed example, sum"
        Case sum = PyTorchFixtures.find(FIXTURES, "seed example, sum");
        JsonNode body = body(post(mvc, URI, sum.body("logits", "target", "reduction")));
        assertThat(body.get("loss").doubleValue()).isCloseTo(sum.number("loss"), within(TOLERANCE));
        assertThat(body.get("reduction").asString()).isEqualTo("sum");
        assertThat(numbers(body.get("gradient")))
                .containsExactly(sum.numbers("gradient"), within(TOLERANCE));
    }

    @Test
    void noneReductionGivesNullLossWithReasonAndTheGradientOfTheSum() {
        // PyTorch 1.13 float64: F.cross_entropy, fixture cases "seed example, none" and its "sum"
        Case none = PyTorchFixtures.find(FIXTURES, "seed example, none");
        MvcTestResult result = post(mvc, URI, none.body("logits", "target", "reduction"));
        assertThat(result).hasStatusOk();
        JsonNode body = body(result);
        assertThat(body.has("loss")).isTrue();
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.get("lossUndefinedReason").asString()).contains("none");
        assertThat(body.get("samples").get(2).get("loss").doubleValue())
                .isCloseTo(none.number("sampleLosses", 2), within(TOLERANCE));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(
                        PyTorchFixtures.find(FIXTURES, "seed example, sum").numbers("gradient"),
                        within(TOLERANCE));
    }

    @Test
    void probabilityTargetsDivideByTheBatchSizeAndLeaveTheTargetNull() {
        // PyTorch 1.13 float64: F.cross_entropy, fixture case "controller: probability targets,
        // mean"
        Case probabilities =
                PyTorchFixtures.find(FIXTURES, "controller: probability targets, mean");
        JsonNode body = body(post(mvc, URI, probabilities.body("logits", "targetProbabilities")));
        assertThat(body.get("loss").doubleValue())
                .isCloseTo(probabilities.number("loss"), within(TOLERANCE));
        assertThat(body.get("denominator").doubleValue())
                .isEqualTo(probabilities.number("denominator"));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(probabilities.numbers("gradient"), within(TOLERANCE));
        JsonNode sample = body.get("samples").get(0);
        assertThat(sample.has("target")).isTrue();
        assertThat(sample.get("target").isNull()).isTrue();
        assertThat(sample.get("targetProbability").isNull()).isTrue();
        assertThat(sample.get("weight").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void labelSmoothingWithClassWeightsAndAnIgnoredSampleMatchesPyTorch() {
        // PyTorch 1.13 float64: F.cross_entropy, fixture case "controller: seed logits, class
        // weights, one ignored, smoothing 0.1, sum"
        Case smoothed =
                PyTorchFixtures.find(
                        FIXTURES,
                        "controller: seed logits, class weights, one ignored, smoothing 0.1, sum");
        String request = smoothed.body("logits", "target", "weight", "labelSmoothing", "reduction");
        JsonNode body = body(post(mvc, URI, request));
        assertThat(body.get("loss").doubleValue())
                .isCloseTo(smoothed.number("loss"), within(TOLERANCE));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(smoothed.numbers("gradient"), within(TOLERANCE));
        JsonNode ignored = body.get("samples").get(2);
        assertThat(ignored.get("ignored").asBoolean())
                .isEqualTo(smoothed.expect("ignored").get(2).asBoolean())
                .isTrue();
        assertThat(ignored.get("target").asInt()).isEqualTo(-100);
        assertThat(ignored.get("weight").doubleValue())
                .isCloseTo(smoothed.number("sampleWeights", 2), within(TOLERANCE))
                .isZero();
        assertThat(ignored.get("loss").doubleValue())
                .isCloseTo(smoothed.number("sampleLosses", 2), within(TOLERANCE))
                .isZero();
        assertThat(ignored.get("targetProbability").isNull()).isTrue();
        // mean would divide by w[0] + w[2] = 1.0 + 0.5
        assertThat(body.get("denominator").doubleValue()).isEqualTo(smoothed.number("denominator"));
    }

    @Test
    void anIgnoreIndexInsideTheClassRangeSkipsThoseSamples() {
        // PyTorch 1.13 float64: F.cross_entropy(ignore_index=1), fixture case "controller:
        // ignoreIndex 1 inside [0, C), none"
        Case inside =
                PyTorchFixtures.find(FIXTURES, "controller: ignoreIndex 1 inside [0, C), none");
        JsonNode body =
                body(post(mvc, URI, inside.body("logits", "target", "ignoreIndex", "reduction")));
        assertThat(body.get("samples").get(0).get("ignored").asBoolean()).isTrue();
        assertThat(body.get("samples").get(1).get("loss").doubleValue())
                .isCloseTo(inside.number("sampleLosses", 1), within(TOLERANCE));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(inside.numbers("gradient"), within(TOLERANCE));
    }

    @Test
    void samplesFalseAndGradientFalseLeaveThemOut() {
        // PyTorch 1.13 float64: F.cross_entropy, fixture case "seed example, mean"
        MvcTestResult result =
                mvc.post()
                        .uri(URI + "?samples=false&gradient=false")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(WebTestSupport.json(SEED))
                        .exchange();
        JsonNode body = body(result);
        assertThat(body.propertyNames())
                .containsExactly("loss", "reduction", "lossSum", "denominator");
        assertThat(body.get("loss").doubleValue()).isEqualTo(SEED_MEAN.number("loss"));
    }

    @Test
    void everySampleIgnoredGivesNullLossWithReasonAndAZeroGradient() {
        // PyTorch 1.13 float64: loss nan, logits.grad all zeros; fixture case "controller: every
        // sample ignored, mean"
        Case ignored = PyTorchFixtures.find(FIXTURES, "controller: every sample ignored, mean");
        JsonNode body = body(post(mvc, URI, ignored.body("logits", "target")));
        assertThat(Double.isNaN(ignored.number("loss"))).isTrue();
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.get("lossUndefinedReason").asString()).contains("denominator of 0");
        assertThat(body.get("denominator").doubleValue())
                .isCloseTo(ignored.number("denominator"), within(TOLERANCE))
                .isZero();
        assertThat(numbers(body.get("gradient")))
                .containsExactly(ignored.numbers("gradient"), within(0.0))
                .containsOnly(0.0);
    }

    @Test
    void zeroTotalWeightOverSamplesNotIgnoredGivesANullGradientWithReason() {
        // PyTorch: loss nan, logits.grad all nan
        JsonNode body =
                body(
                        post(
                                mvc,
                                URI,
                                "{'logits': [[1, 2], [3, 4]], 'target': [0, 1], 'weight': [0, 0]}"));
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.has("gradient")).isTrue();
        assertThat(body.get("gradient").isNull()).isTrue();
        assertThat(body.get("gradientUndefinedReason").asString()).contains("NaN");
    }

    @Test
    void hugeFiniteWeightsThatOverflowGive422NotInfinity() {
        MvcTestResult result =
                post(
                        mvc,
                        URI,
                        "{'logits': [[1e308, -1e308], [3, 4]], 'target': [0, 1], 'weight': [1e308, 1e308]}");
        JsonNode problem = assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(problem.get("type").asString())
                .isEqualTo("urn:loss-service:problem:non-finite-result");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(
                        "ragged logits",
                        "{'logits': [[1, 2], [3]], 'target': [0, 0]}",
                        new String[] {"/logits/1"}),
                // [] is a batch of 0 (contract version 2): one class index does not fit it.
                Arguments.of(
                        "empty batch with a class index",
                        "{'logits': [], 'target': [0]}",
                        new String[] {"/target"}),
                Arguments.of(
                        "empty row", "{'logits': [[]], 'target': [0]}", new String[] {"/logits/0"}),
                Arguments.of(
                        "null logits", "{'logits': null, 'target': [0]}", new String[] {"/logits"}),
                Arguments.of(
                        "null element",
                        "{'logits': [[1, null]], 'target': [0]}",
                        new String[] {"/logits/0/1"}),
                Arguments.of(
                        "string element",
                        "{'logits': [[1, 'x']], 'target': [0]}",
                        new String[] {"/logits/0/1"}),
                Arguments.of(
                        "boolean element",
                        "{'logits': [[false, 1]], 'target': [0]}",
                        new String[] {"/logits/0/0"}),
                Arguments.of(
                        "overflowing literal",
                        "{'logits': [[0, 1, 1e400]], 'target': [0]}",
                        new String[] {"/logits/0/2"}),
                Arguments.of(
                        "NaN token",
                        "{'logits': [[0, 1, NaN]], 'target': [0]}",
                        new String[] {"/logits/0/2"}),
                Arguments.of(
                        "NaN string",
                        "{'logits': [[0, 1, 'NaN']], 'target': [0]}",
                        new String[] {"/logits/0/2"}),
                Arguments.of(
                        "Infinity token",
                        "{'logits': [[0, 1, -Infinity]], 'target': [0]}",
                        new String[] {"/logits/0/2"}),
                Arguments.of(
                        "Infinity string",
                        "{'logits': [[0, 1, 'Infinity']], 'target': [0]}",
                        new String[] {"/logits/0/2"}),
                Arguments.of(
                        "fractional class index",
                        "{'logits': [[1, 2], [3, 4]], 'target': [0, 1.5]}",
                        new String[] {"/target/1"}),
                Arguments.of(
                        "class index too large",
                        "{'logits': [[1, 2], [3, 4]], 'target': [0, 2]}",
                        new String[] {"/target/1"}),
                Arguments.of(
                        "negative class index",
                        "{'logits': [[1, 2], [3, 4]], 'target': [-1, 0]}",
                        new String[] {"/target/0"}),
                Arguments.of(
                        "target length",
                        "{'logits': [[1, 2], [3, 4]], 'target': [0, 1, 1]}",
                        new String[] {"/target"}),
                Arguments.of(
                        "probability shape",
                        "{'logits': [[1, 2]], 'targetProbabilities': [[1, 0], [0, 1]]}",
                        new String[] {"/targetProbabilities"}),
                Arguments.of(
                        "both targets",
                        "{'logits': [[1, 2]], 'target': [0], 'targetProbabilities': [[1, 0]]}",
                        new String[] {"/targetProbabilities"}),
                Arguments.of("no target", "{'logits': [[1, 2]]}", new String[] {"/target"}),
                Arguments.of(
                        "weight length",
                        "{'logits': [[1, 2]], 'target': [0], 'weight': [1, 1, 1]}",
                        new String[] {"/weight"}),
                Arguments.of(
                        "ignoreIndex with probabilities",
                        "{'logits': [[1, 2]], 'targetProbabilities': [[1, 0]], 'ignoreIndex': 0}",
                        new String[] {"/ignoreIndex"}),
                Arguments.of(
                        "labelSmoothing above 1",
                        "{'logits': [[1, 2]], 'target': [0], 'labelSmoothing': 1.5}",
                        new String[] {"/labelSmoothing"}),
                Arguments.of(
                        "negative labelSmoothing",
                        "{'logits': [[1, 2]], 'target': [0], 'labelSmoothing': -0.1}",
                        new String[] {"/labelSmoothing"}),
                Arguments.of(
                        "unknown reduction",
                        "{'logits': [[1, 2]], 'target': [0], 'reduction': 'average'}",
                        new String[] {"/reduction"}),
                Arguments.of(
                        "reduction not a string",
                        "{'logits': [[1, 2]], 'target': [0], 'reduction': 1}",
                        new String[] {"/reduction"}),
                Arguments.of(
                        "misspelt field",
                        "{'logit': [[1, 2]], 'target': [0]}",
                        new String[] {"/logit", "/logits"}),
                Arguments.of(
                        "duplicate field",
                        "{'logits': [[1, 2]], 'target': [0], 'target': [1]}",
                        new String[] {"/target"}),
                Arguments.of(
                        "rank mismatch between logits and target",
                        "{'logits': [[[1, 2], [3, 4]]], 'target': [0]}",
                        new String[] {"/target"}),
                Arguments.of(
                        "a single class index with batched logits",
                        "{'logits': [[1, 2], [3, 4]], 'target': 1}",
                        new String[] {"/target"}),
                Arguments.of(
                        "an array of class indices with unbatched logits",
                        "{'logits': [1, 2, 3], 'target': [1]}",
                        new String[] {"/target"}),
                Arguments.of(
                        "spatial shape mismatch",
                        "{'logits': [[[1, 2, 3], [3, 4, 5]]], 'target': [[0, 1]]}",
                        new String[] {"/target"}),
                Arguments.of(
                        "class index out of range at a spatial position",
                        "{'logits': [[[1, 2], [3, 4]]], 'target': [[0, 2]]}",
                        new String[] {"/target/0/1"}),
                Arguments.of(
                        "probability targets of another rank",
                        "{'logits': [[[1, 2], [3, 4]]], 'targetProbabilities': [[1, 0]]}",
                        new String[] {"/targetProbabilities"}),
                Arguments.of(
                        "ignoreIndex with probabilities of rank 3",
                        "{'logits': [[[1], [2]]], 'targetProbabilities': [[[1], [0]]],"
                                + " 'ignoreIndex': 0}",
                        new String[] {"/ignoreIndex"}),
                Arguments.of(
                        "logits nested deeper than rank 8",
                        "{'logits': [[[[[[[[[1]]]]]]]]], 'target': [[[[[[[0]]]]]]]}",
                        new String[] {"/logits"}),
                Arguments.of(
                        "zero classes",
                        "{'logits': [[], []], 'target': [0, 0]}",
                        new String[] {"/logits/0", "/logits/1"}),
                Arguments.of(
                        "upstream gradient of the wrong shape for none",
                        "{'logits': [[1, 2], [3, 4]], 'target': [0, 1], 'reduction': 'none',"
                                + " 'upstreamGradient': [1, 2, 3]}",
                        new String[] {"/upstreamGradient"}),
                Arguments.of(
                        "an array as upstream gradient for mean",
                        "{'logits': [[1, 2], [3, 4]], 'target': [0, 1], 'upstreamGradient': [1,"
                                + " 2]}",
                        new String[] {"/upstreamGradient"}),
                Arguments.of("empty object", "{}", new String[] {"/logits", "/target"}),
                Arguments.of("not an object", "[[1, 2]]", new String[] {""}));
    }

    @Test
    void probabilityTargetsOutsideTheUnitIntervalAndNegativeWeightsGiveWarnings() {
        JsonNode body =
                body(
                        post(
                                mvc,
                                URI,
                                "{'logits': [[1, 2], [3, 4]], 'targetProbabilities': [[0.5, 0.5],"
                                        + " [1.5, -0.1]], 'weight': [1, -2]}"));
        assertThat(body.get("warnings")).hasSize(2);
        assertThat(body.get("warnings").get(0).get("pointer").asString())
                .isEqualTo("/targetProbabilities/1/0");
        assertThat(body.get("warnings").get(0).get("detail").asString())
                .startsWith("is outside [0, 1]");
        assertThat(body.get("warnings").get(1).get("pointer").asString()).isEqualTo("/weight/1");
        assertThat(body.get("warnings").get(1).get("detail").asString()).startsWith("is negative");
    }

    @Test
    void anOrdinaryRequestHasNoWarningsField() {
        assertThat(body(post(mvc, URI, SEED)).has("warnings")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyGives400NamingThePointer(String name, String body, String[] pointers) {
        JsonNode problem = assertProblem(post(mvc, URI, body), HttpStatus.BAD_REQUEST, pointers);
        assertThat(problem.get("type").asString())
                .isEqualTo("urn:loss-service:problem:invalid-request");
    }

    @Test
    void manyProblemsAreListedUpToTwenty() {
        String row = "['x'" + ", 'x'".repeat(29) + "]";
        JsonNode problem = body(post(mvc, URI, "{'logits': [" + row + "], 'target': [0]}"));
        assertThat(problem.get("errors")).hasSize(20);
        assertThat(problem.get("detail").asString()).contains("30 invalid fields");
    }

    @Test
    void malformedJsonGives400WithoutEchoingTheInput() {
        JsonNode problem =
                assertProblem(
                        post(mvc, URI, "{'logits': [[1, 2]], 'target': [0], secretToken}"),
                        HttpStatus.BAD_REQUEST);
        assertThat(problem.get("type").asString())
                .isEqualTo("urn:loss-service:problem:malformed-json");
        assertThat(problem.toString()).doesNotContain("secretToken").doesNotContain("Exception");
    }

    @Test
    void missingBodyGives400() {
        MvcTestResult result =
                mvc.post().uri(URI).contentType(MediaType.APPLICATION_JSON).exchange();
        assertProblem(result, HttpStatus.BAD_REQUEST);
    }

    @Test
    void otherContentTypeGives415() {
        MvcTestResult result =
                mvc.post()
                        .uri(URI)
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(WebTestSupport.json(SEED))
                        .exchange();
        assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void getGives405() {
        assertProblem(mvc.get().uri(URI).exchange(), HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void aQueryFlagThatIsNotABooleanGives400() {
        MvcTestResult result =
                mvc.post()
                        .uri(URI + "?samples=maybe")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(WebTestSupport.json(SEED))
                        .exchange();
        JsonNode problem = assertProblem(result, HttpStatus.BAD_REQUEST);
        assertThat(problem.get("detail").asString()).contains("samples").doesNotContain("maybe");
    }
}
