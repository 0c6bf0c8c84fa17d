package dev.lossservice.crossentropy;

import static dev.lossservice.WebTestSupport.assertProblem;
import static dev.lossservice.WebTestSupport.body;
import static dev.lossservice.WebTestSupport.numbers;
import static dev.lossservice.WebTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * and {@code .backward()}, run by hand on the bodies below.
 */
@WebMvcTest(CrossEntropyController.class)
class CrossEntropyControllerTests {

    private static final String URI = "/loss/cross-entropy";
    private static final double TOLERANCE = 1e-12;
    private static final String SEED_LOGITS =
            "[[-1.0606, 1.5613, 1.2007, -0.2481], [-1.9652, -0.4367, -0.0645, -0.5104],"
                    + " [0.1011, -0.5904, 0.0243, 0.1002]]";
    private static final String SEED = "{'logits': " + SEED_LOGITS + ", 'target': [0, 2, 1]}";

    /** d loss / d logits of the seed example for reduction='sum' (and 'none', whose sum it is). */
    private static final double[] SEED_GRADIENT_OF_SUM = {
        -0.9624214650986064, 0.5171500203114594, 0.36058690913435076, 0.08468453565279623,
        0.060293784074855326, 0.2780299982057373, -0.596599842849915, 0.25827606056932234,
        0.2918856043728433, -0.8538166055719193, 0.2703079756919545, 0.2916230255071214
    };

    @Autowired private MockMvcTester mvc;

    @Test
    void seedExampleGivesPyTorchLossExactly() {
        MvcTestResult result = post(mvc, URI, SEED);
        assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.loss").isEqualTo(2.0373472850337726);
        JsonNode body = body(result);
        assertThat(body.get("reduction").asString()).isEqualTo("mean");
        assertThat(body.get("lossSum").doubleValue())
                .isCloseTo(6.112041855101317, within(TOLERANCE));
        assertThat(body.get("denominator").doubleValue()).isEqualTo(3.0);
        assertThat(body.has("lossUndefinedReason")).isFalse();
        double[] expectedMeanGradient = new double[12];
        for (int i = 0; i < 12; i++) {
            expectedMeanGradient[i] = SEED_GRADIENT_OF_SUM[i] / 3;
        }
        assertThat(numbers(body.get("gradient")))
                .containsExactly(expectedMeanGradient, within(TOLERANCE));
        assertThat(body.get("gradient")).hasSize(3);

        JsonNode first = body.get("samples").get(0);
        assertThat(body.get("samples")).hasSize(3);
        assertThat(first.get("index").asInt()).isZero();
        assertThat(first.get("target").asInt()).isZero();
        assertThat(first.get("ignored").asBoolean()).isFalse();
        assertThat(first.get("weight").doubleValue()).isEqualTo(1.0);
        assertThat(first.get("loss").doubleValue()).isCloseTo(3.281322271882565, within(TOLERANCE));
        // softmax of row 0; its first entry is exp(-loss_0)
        assertThat(numbers(first.get("probabilities")))
                .containsExactly(
                        new double[] {0.0375785349, 0.5171500203, 0.3605869091, 0.0846845357},
                        within(1e-9));
        assertThat(first.get("targetProbability").doubleValue())
                .isCloseTo(Math.exp(-3.281322271882565), within(TOLERANCE));
        assertThat(first.get("predictedClass").asInt()).isEqualTo(1);
    }

    @Test
    void sumReductionReturnsTheLossSumAndItsGradient() {
        JsonNode body = body(post(mvc, URI, SEED.replace("}", ", 'reduction': 'sum'}")));
        assertThat(body.get("loss").doubleValue()).isCloseTo(6.112041855101317, within(TOLERANCE));
        assertThat(body.get("reduction").asString()).isEqualTo("sum");
        assertThat(numbers(body.get("gradient")))
                .containsExactly(SEED_GRADIENT_OF_SUM, within(TOLERANCE));
    }

    @Test
    void noneReductionGivesNullLossWithReasonAndTheGradientOfTheSum() {
        MvcTestResult result = post(mvc, URI, SEED.replace("}", ", 'reduction': 'none'}"));
        assertThat(result).hasStatusOk();
        JsonNode body = body(result);
        assertThat(body.has("loss")).isTrue();
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.get("lossUndefinedReason").asString()).contains("none");
        assertThat(body.get("samples").get(2).get("loss").doubleValue())
                .isCloseTo(1.9228933193205704, within(TOLERANCE));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(SEED_GRADIENT_OF_SUM, within(TOLERANCE));
    }

    @Test
    void probabilityTargetsDivideByTheBatchSizeAndLeaveTheTargetNull() {
        JsonNode body =
                body(
                        post(
                                mvc,
                                URI,
                                "{'logits': [[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]],"
                                        + " 'targetProbabilities': [[0.7, 0.2, 0.1], [0.0, 0.9, 0.1]]}"));
        assertThat(body.get("loss").doubleValue()).isCloseTo(0.6235397696491858, within(TOLERANCE));
        assertThat(body.get("denominator").doubleValue()).isEqualTo(2.0);
        assertThat(numbers(body.get("gradient")))
                .containsExactly(
                        new double[] {
                            -0.020499430557016068, 0.02121648535235693, -0.0007170547953409114,
                            0.054301865153506185, -0.04876047210417539, -0.005541393049330871
                        },
                        within(TOLERANCE));
        JsonNode sample = body.get("samples").get(0);
        assertThat(sample.has("target")).isTrue();
        assertThat(sample.get("target").isNull()).isTrue();
        assertThat(sample.get("targetProbability").isNull()).isTrue();
        assertThat(sample.get("weight").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void labelSmoothingWithClassWeightsAndAnIgnoredSampleMatchesPyTorch() {
        String request =
                "{'logits': "
                        + SEED_LOGITS
                        + ", 'target': [0, 2, -100], 'weight': [1.0, 2.0, 0.5, 1.0],"
                        + " 'labelSmoothing': 0.1, 'reduction': 'sum'}";
        JsonNode body = body(post(mvc, URI, request));
        assertThat(body.get("loss").doubleValue()).isCloseTo(3.730592323723825, within(TOLERANCE));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(
                        new double[] {
                            -0.886951733412339,
                            0.4736143955653526,
                            0.35259424549853013,
                            0.06074309234845617,
                            0.008915253542106127,
                            0.10639187399072726,
                            -0.23558741160307714,
                            0.12028028407024384,
                            0,
                            0,
                            0,
                            0
                        },
                        within(TOLERANCE));
        JsonNode ignored = body.get("samples").get(2);
        assertThat(ignored.get("ignored").asBoolean()).isTrue();
        assertThat(ignored.get("target").asInt()).isEqualTo(-100);
        assertThat(ignored.get("weight").doubleValue()).isZero();
        assertThat(ignored.get("loss").doubleValue()).isZero();
        assertThat(ignored.get("targetProbability").isNull()).isTrue();
        // mean would divide by w[0] + w[2] = 1.0 + 0.5
        assertThat(body.get("denominator").doubleValue()).isEqualTo(1.5);
    }

    @Test
    void anIgnoreIndexInsideTheClassRangeSkipsThoseSamples() {
        // PyTorch: F.cross_entropy([[1,2],[3,4]], [1,0], ignore_index=1, reduction='none')
        JsonNode body =
                body(
                        post(
                                mvc,
                                URI,
                                "{'logits': [[1, 2], [3, 4]], 'target': [1, 0], 'ignoreIndex': 1,"
                                        + " 'reduction': 'none'}"));
        assertThat(body.get("samples").get(0).get("ignored").asBoolean()).isTrue();
        assertThat(body.get("samples").get(1).get("loss").doubleValue())
                .isCloseTo(1.3132616875182228, within(TOLERANCE));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(
                        new double[] {0, 0, -0.7310585786300049, 0.7310585786300049},
                        within(TOLERANCE));
    }

    @Test
    void samplesFalseAndGradientFalseLeaveThemOut() {
        MvcTestResult result =
                mvc.post()
                        .uri(URI + "?samples=false&gradient=false")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(WebTestSupport.json(SEED))
                        .exchange();
        JsonNode body = body(result);
        assertThat(body.propertyNames())
                .containsExactly("loss", "reduction", "lossSum", "denominator");
        assertThat(body.get("loss").doubleValue()).isEqualTo(2.0373472850337726);
    }

    @Test
    void everySampleIgnoredGivesNullLossWithReasonAndAZeroGradient() {
        // PyTorch: loss nan, logits.grad all zeros
        JsonNode body =
                body(post(mvc, URI, "{'logits': [[1, 2], [3, 4]], 'target': [-100, -100]}"));
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.get("lossUndefinedReason").asString()).contains("denominator of 0");
        assertThat(body.get("denominator").doubleValue()).isZero();
        assertThat(numbers(body.get("gradient"))).containsOnly(0.0);
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
                Arguments.of(
                        "empty logits", "{'logits': [], 'target': [0]}", new String[] {"/logits"}),
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
                        "probability above 1",
                        "{'logits': [[1, 2]], 'targetProbabilities': [[0.5, 1.5]]}",
                        new String[] {"/targetProbabilities/0/1"}),
                Arguments.of(
                        "negative probability",
                        "{'logits': [[1, 2]], 'targetProbabilities': [[-0.1, 1]]}",
                        new String[] {"/targetProbabilities/0/0"}),
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
                        "negative weight",
                        "{'logits': [[1, 2]], 'target': [0], 'weight': [1, -1]}",
                        new String[] {"/weight/1"}),
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
                Arguments.of("empty object", "{}", new String[] {"/logits", "/target"}),
                Arguments.of("not an object", "[[1, 2]]", new String[] {""}));
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
