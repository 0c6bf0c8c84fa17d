package dev.lossservice.nll;

import static dev.lossservice.WebTestSupport.assertProblem;
import static dev.lossservice.WebTestSupport.body;
import static dev.lossservice.WebTestSupport.numbers;
import static dev.lossservice.WebTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossservice.PyTorchFixtures;
import dev.lossservice.PyTorchFixtures.Case;
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
 * .backward()}, from the fixture cases of {@code src/test/resources/fixtures/nll.json} (written by
 * {@code scripts/generate_fixtures.py}) that each test names; the request bodies are made of the
 * same cases' inputs.
 */
@WebMvcTest(NllController.class)
class NllControllerTests {

    private static final String URI = "/loss/nll";
    private static final double TOLERANCE = 1e-12;
    private static final String FIXTURES = "nll.json";

    /** Two samples of three classes with class weights, default options. */
    private static final Case EXAMPLE =
            PyTorchFixtures.find(FIXTURES, "controller: class weights, mean");

    @Autowired private MockMvcTester mvc;

    @Test
    void weightedMeanMatchesPyTorch() {
        // PyTorch 1.13 float64: F.nll_loss, fixture case "controller: class weights, mean"
        MvcTestResult result = post(mvc, URI, EXAMPLE.body("logProbabilities", "target", "weight"));
        assertThat(result).hasStatusOk();
        JsonNode body = body(result);
        assertThat(body.get("loss").doubleValue())
                .isCloseTo(EXAMPLE.number("loss"), within(TOLERANCE));
        assertThat(body.get("lossSum").doubleValue())
                .isCloseTo(EXAMPLE.number("lossSum"), within(TOLERANCE));
        assertThat(body.get("denominator").doubleValue()).isEqualTo(EXAMPLE.number("denominator"));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(EXAMPLE.numbers("gradient"), within(TOLERANCE));
        JsonNode second = body.get("samples").get(1);
        assertThat(second.propertyNames())
                .containsExactly("index", "target", "ignored", "weight", "loss");
        assertThat(second.get("weight").doubleValue())
                .isEqualTo(EXAMPLE.number("sampleWeights", 1));
        assertThat(second.get("loss").doubleValue())
                .isCloseTo(EXAMPLE.number("sampleLosses", 1), within(TOLERANCE));
    }

    @Test
    void noneReductionGivesNullLossAndPerSampleLosses() {
        // PyTorch 1.13 float64: F.nll_loss, fixture case "controller: class weights, none"
        Case none = PyTorchFixtures.find(FIXTURES, "controller: class weights, none");
        JsonNode body =
                body(
                        post(
                                mvc,
                                URI,
                                none.body("logProbabilities", "target", "weight", "reduction")));
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.get("lossUndefinedReason").asString()).isNotBlank();
        assertThat(body.get("samples").get(0).get("loss").doubleValue())
                .isCloseTo(none.number("sampleLosses", 0), within(TOLERANCE));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(none.numbers("gradient"), within(TOLERANCE));
    }

    @Test
    void everySampleIgnoredGivesNullLoss() {
        // PyTorch 1.13 float64: loss nan, logProbabilities.grad all zeros; fixture case
        // "controller: every sample ignored, ignoreIndex 3 outside [0, C), mean"
        Case ignored =
                PyTorchFixtures.find(
                        FIXTURES,
                        "controller: every sample ignored, ignoreIndex 3 outside [0, C), mean");
        JsonNode body =
                body(post(mvc, URI, ignored.body("logProbabilities", "target", "ignoreIndex")));
        assertThat(Double.isNaN(ignored.number("loss"))).isTrue();
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.get("samples").get(0).get("ignored").asBoolean()).isTrue();
        assertThat(numbers(body.get("gradient")))
                .containsExactly(ignored.numbers("gradient"), within(0.0))
                .containsOnly(0.0);
    }

    @Test
    void zeroWeightOfATargetGivesANegativeZeroInTheGradient() throws Exception {
        // PyTorch 1.13 float64: logProbabilities.grad [[-0., 0.], [0., -1.]], sign bit set at
        // (0, 0); fixture case "controller: zero weight on one target, sum"
        Case zero = PyTorchFixtures.find(FIXTURES, "controller: zero weight on one target, sum");
        MvcTestResult result =
                post(mvc, URI, zero.body("logProbabilities", "target", "weight", "reduction"));
        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentAsString())
                .contains("\"gradient\":" + zero.expect("gradient").toString().replace(" ", ""));
        double[] expected = zero.numbers("gradient");
        assertThat(Double.doubleToRawLongBits(expected[0]))
                .as("the fixture's gradient at (0, 0) is -0.0")
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
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
                        .content(EXAMPLE.body("logProbabilities", "target", "weight"))
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
