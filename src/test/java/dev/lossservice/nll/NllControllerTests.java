package dev.lossservice.nll;

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
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /loss/nll}. Expected values: PyTorch 1.13 float64, {@code F.nll_loss} and {@code
 * .backward()}, run by hand on the bodies below.
 */
@WebMvcTest(NllController.class)
class NllControllerTests {

    private static final String URI = "/loss/nll";
    private static final double TOLERANCE = 1e-12;
    private static final String EXAMPLE =
            "{'logProbabilities': [[-0.2, -1.8, -3.0], [-2.3, -0.15, -2.9]], 'target': [0, 1],"
                    + " 'weight': [1.0, 0.5, 2.0]}";

    @Autowired private MockMvcTester mvc;

    @Test
    void weightedMeanMatchesPyTorch() {
        MvcTestResult result = post(mvc, URI, EXAMPLE);
        assertThat(result).hasStatusOk();
        JsonNode body = body(result);
        assertThat(body.get("loss").doubleValue())
                .isCloseTo(0.18333333333333335, within(TOLERANCE));
        assertThat(body.get("lossSum").doubleValue()).isCloseTo(0.275, within(TOLERANCE));
        assertThat(body.get("denominator").doubleValue()).isEqualTo(1.5);
        assertThat(numbers(body.get("gradient")))
                .containsExactly(
                        new double[] {-0.6666666666666666, 0, 0, 0, -0.3333333333333333, 0},
                        within(TOLERANCE));
        JsonNode second = body.get("samples").get(1);
        assertThat(second.propertyNames())
                .containsExactly("index", "target", "ignored", "weight", "loss");
        assertThat(second.get("weight").doubleValue()).isEqualTo(0.5);
        assertThat(second.get("loss").doubleValue()).isCloseTo(0.075, within(TOLERANCE));
    }

    @Test
    void noneReductionGivesNullLossAndPerSampleLosses() {
        JsonNode body = body(post(mvc, URI, EXAMPLE.replace("}", ", 'reduction': 'none'}")));
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.get("lossUndefinedReason").asString()).isNotBlank();
        assertThat(body.get("samples").get(0).get("loss").doubleValue())
                .isCloseTo(0.2, within(TOLERANCE));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(new double[] {-1, 0, 0, 0, -0.5, 0}, within(TOLERANCE));
    }

    @Test
    void everySampleIgnoredGivesNullLoss() {
        JsonNode body =
                body(
                        post(
                                mvc,
                                URI,
                                "{'logProbabilities': [[-1, -2]], 'target': [3], 'ignoreIndex': 3}"));
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.get("samples").get(0).get("ignored").asBoolean()).isTrue();
        assertThat(numbers(body.get("gradient"))).containsOnly(0.0);
    }

    @Test
    void zeroWeightOfATargetGivesANegativeZeroInTheGradient() throws Exception {
        // PyTorch: logProbabilities.grad [[-0., 0.], [0., -1.]], signbit set at (0, 0)
        MvcTestResult result =
                post(
                        mvc,
                        URI,
                        "{'logProbabilities': [[-1, -2], [-3, -4]], 'target': [0, 1],"
                                + " 'weight': [0, 1], 'reduction': 'sum'}");
        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentAsString())
                .contains("\"gradient\":[[-0.0,0.0],[0.0,-1.0]]");
    }

    @Test
    void zeroTotalWeightOverSamplesNotIgnoredGivesANullGradientWithReason() {
        // PyTorch: loss nan, logProbabilities.grad nan at each target
        JsonNode body =
                body(
                        post(
                                mvc,
                                URI,
                                "{'logProbabilities': [[-1, -2], [-3, -4]], 'target': [0, 1],"
                                        + " 'weight': [0, 0]}"));
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.has("gradient")).isTrue();
        assertThat(body.get("gradient").isNull()).isTrue();
        assertThat(body.get("gradientUndefinedReason").asString()).contains("NaN");
    }

    @Test
    void meanOverASubnormalTotalWeightGives422NotInfinity() {
        // PyTorch: loss 1, logProbabilities.grad [[-inf, 0.]] (1 / 4.9E-324 overflows)
        MvcTestResult result =
                post(
                        mvc,
                        URI,
                        "{'logProbabilities': [[-1, -2]], 'target': [0], 'weight': [4.9E-324, 1]}");
        JsonNode problem = assertProblem(result, HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(problem.get("type").asString())
                .isEqualTo("urn:loss-service:problem:non-finite-result");
    }

    @Test
    void outputShapingLeavesOutSamplesAndGradient() {
        MvcTestResult result =
                mvc.post()
                        .uri(URI + "?samples=false&gradient=false")
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content(WebTestSupport.json(EXAMPLE))
                        .exchange();
        assertThat(body(result).propertyNames())
                .containsExactly("loss", "reduction", "lossSum", "denominator");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(
                        "no target", "{'logProbabilities': [[-1, -2]]}", new String[] {"/target"}),
                Arguments.of("no input", "{'target': [0]}", new String[] {"/logProbabilities"}),
                Arguments.of(
                        "ragged input",
                        "{'logProbabilities': [[-1, -2], [-1]], 'target': [0, 0]}",
                        new String[] {"/logProbabilities/1"}),
                Arguments.of(
                        "class index out of range",
                        "{'logProbabilities': [[-1, -2]], 'target': [2]}",
                        new String[] {"/target/0"}),
                Arguments.of(
                        "weight length",
                        "{'logProbabilities': [[-1, -2]], 'target': [0], 'weight': [1]}",
                        new String[] {"/weight"}),
                Arguments.of(
                        "infinite input",
                        "{'logProbabilities': [[-1, -1e999]], 'target': [0]}",
                        new String[] {"/logProbabilities/0/1"}),
                Arguments.of(
                        "labelSmoothing is not an NLL field",
                        "{'logProbabilities': [[-1, -2]], 'target': [0], 'labelSmoothing': 0.1}",
                        new String[] {"/labelSmoothing"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyGives400NamingThePointer(String name, String body, String[] pointers) {
        assertProblem(post(mvc, URI, body), HttpStatus.BAD_REQUEST, pointers);
    }
}
