package dev.lossservice.bce;

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
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /loss/bce}. Expected values: PyTorch 1.13 float64, {@code F.binary_cross_entropy} and
 * {@code F.binary_cross_entropy_with_logits} with {@code .backward()}, from the fixture cases of
 * {@code src/test/resources/fixtures/bce.json} (written by {@code scripts/generate_fixtures.py})
 * that each test names; the request bodies are made of the same cases' inputs.
 */
@WebMvcTest(BceController.class)
class BceControllerTests {

    private static final String URI = "/loss/bce";
    private static final double TOLERANCE = 1e-12;
    private static final String FIXTURES = "bce.json";

    @Autowired private MockMvcTester mvc;

    @Test
    void oneDimensionalProbabilitiesGiveAOneDimensionalGradientAndNoElementLosses() {
        // PyTorch 1.13 float64: F.binary_cross_entropy, fixture case "controller: 1-D
        // probabilities, mean"
        Case flat = PyTorchFixtures.find(FIXTURES, "controller: 1-D probabilities, mean");
        MvcTestResult result = post(mvc, URI, flat.body("probabilities", "target"));
        assertThat(result).hasStatusOk();
        JsonNode body = body(result);
        assertThat(body.get("loss").doubleValue())
                .isCloseTo(flat.number("loss"), within(TOLERANCE));
        assertThat(body.get("mode").asString()).isEqualTo("probabilities");
        assertThat(body.get("denominator").doubleValue()).isEqualTo(flat.number("denominator"));
        assertThat(body.get("gradient").get(0).isNumber()).isTrue();
        assertThat(numbers(body.get("gradient")))
                .containsExactly(flat.numbers("gradient"), within(TOLERANCE));
        JsonNode sample = body.get("samples").get(0);
        assertThat(sample.propertyNames()).containsExactly("index", "loss");
        // -log(0.9)
        assertThat(sample.get("loss").doubleValue())
                .isCloseTo(flat.number("sampleLosses", 0), within(TOLERANCE));
    }

    @Test
    void twoDimensionalLogitsWithPosWeightMatchPyTorch() {
        // PyTorch 1.13 float64: F.binary_cross_entropy_with_logits(pos_weight=...) and
        // torch.sigmoid, fixture case "controller: logits, posWeight per class, mean"
        Case logits =
                PyTorchFixtures.find(FIXTURES, "controller: logits, posWeight per class, mean");
        JsonNode body = body(post(mvc, URI, logits.body("logits", "target", "posWeight")));
        assertThat(body.get("loss").doubleValue())
                .isCloseTo(logits.number("loss"), within(TOLERANCE));
        assertThat(body.get("mode").asString()).isEqualTo("logits");
        assertThat(body.get("denominator").doubleValue()).isEqualTo(logits.number("denominator"));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(logits.numbers("gradient"), within(TOLERANCE));
        JsonNode sample = body.get("samples").get(1);
        assertThat(sample.get("elementLosses")).hasSize(2);
        assertThat(numbers(sample.get("elementLosses")))
                .containsExactly(logits.row("elementLosses", 1), within(TOLERANCE));
        // sigmoid(-2.0), sigmoid(0.3)
        assertThat(numbers(sample.get("probabilities")))
                .containsExactly(logits.row("sigmoid", 1), within(TOLERANCE));
        assertThat(sample.get("loss").doubleValue())
                .isCloseTo(
                        numbers(sample.get("elementLosses"))[0]
                                + numbers(sample.get("elementLosses"))[1],
                        within(TOLERANCE));
    }

    @Test
    void targetClassesOneHotEncodeTheTarget() {
        // PyTorch 1.13 float64: F.binary_cross_entropy_with_logits against
        // F.one_hot(targetClasses), fixture case "controller: target classes, mean"
        Case classes = PyTorchFixtures.find(FIXTURES, "controller: target classes, mean");
        JsonNode body = body(post(mvc, URI, classes.body("logits", "targetClasses")));
        assertThat(body.get("loss").doubleValue())
                .isCloseTo(classes.number("loss"), within(TOLERANCE));
        assertThat(numbers(body.get("gradient")))
                .containsExactly(classes.numbers("gradient"), within(TOLERANCE));
    }

    @Test
    void oneDimensionalLogitsGiveOneProbabilityPerSample() {
        // PyTorch 1.13 float64: F.binary_cross_entropy_with_logits and torch.sigmoid, fixture
        // case "controller: 1-D logits, none"
        Case flat = PyTorchFixtures.find(FIXTURES, "controller: 1-D logits, none");
        JsonNode body = body(post(mvc, URI, flat.body("logits", "target", "reduction")));
        assertThat(body.get("loss").isNull()).isTrue();
        JsonNode sample = body.get("samples").get(1);
        assertThat(sample.get("loss").doubleValue())
                .isCloseTo(flat.number("sampleLosses", 1), within(TOLERANCE));
        assertThat(sample.get("probabilities").doubleValue())
                .isCloseTo(flat.number("sigmoid", 1), within(TOLERANCE));
        assertThat(sample.has("elementLosses")).isFalse();
        assertThat(numbers(body.get("gradient")))
                .containsExactly(flat.numbers("gradient"), within(TOLERANCE));
    }

    @Test
    void aClassWeightVectorEqualsTheSameWeightsGivenPerElement() {
        JsonNode broadcast =
                body(
                        post(
                                mvc,
                                URI,
                                "{'probabilities': [[0.2, 0.7], [0.9, 0.4]], 'target': [[0, 1], [1, 1]],"
                                        + " 'weight': [0.5, 2.0]}"));
        JsonNode perElement =
                body(
                        post(
                                mvc,
                                URI,
                                "{'probabilities': [[0.2, 0.7], [0.9, 0.4]], 'target': [[0, 1], [1, 1]],"
                                        + " 'weight': [[0.5, 2.0], [0.5, 2.0]]}"));
        assertThat(broadcast.get("loss").doubleValue())
                .isCloseTo(perElement.get("loss").doubleValue(), within(TOLERANCE));
        assertThat(numbers(broadcast.get("gradient")))
                .containsExactly(numbers(perElement.get("gradient")), within(TOLERANCE));
    }

    @Test
    void gradientFalseLeavesTheGradientOut() {
        MvcTestResult result =
                mvc.post()
                        .uri(URI + "?gradient=false")
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content(WebTestSupport.json("{'logits': [0.5], 'target': [1]}"))
                        .exchange();
        JsonNode body = body(result);
        assertThat(body.has("gradient")).isFalse();
        assertThat(body.has("samples")).isTrue();
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(
                        "both inputs",
                        "{'probabilities': [0.5], 'logits': [0.5], 'target': [1]}",
                        new String[] {"/logits"}),
                Arguments.of("no input", "{'target': [1]}", new String[] {"/probabilities"}),
                Arguments.of(
                        "both targets",
                        "{'logits': [[0.5, 1]], 'target': [[1, 0]], 'targetClasses': [0]}",
                        new String[] {"/targetClasses"}),
                Arguments.of("no target", "{'logits': [0.5]}", new String[] {"/target"}),
                Arguments.of(
                        "probability above 1",
                        "{'probabilities': [0.5, 1.01], 'target': [1, 0]}",
                        new String[] {"/probabilities/1"}),
                Arguments.of(
                        "target shape",
                        "{'logits': [[0.5, 1]], 'target': [1, 0]}",
                        new String[] {"/target"}),
                Arguments.of(
                        "posWeight with probabilities",
                        "{'probabilities': [0.5], 'target': [1], 'posWeight': [2]}",
                        new String[] {"/posWeight"}),
                Arguments.of(
                        "targetClasses with 1-D input",
                        "{'logits': [0.5, 1], 'targetClasses': [0, 1]}",
                        new String[] {"/targetClasses"}),
                Arguments.of(
                        "targetClasses out of range",
                        "{'logits': [[0.5, 1], [1, 2]], 'targetClasses': [0, 2]}",
                        new String[] {"/targetClasses/1"}),
                Arguments.of(
                        "targetClasses length",
                        "{'logits': [[0.5, 1]], 'targetClasses': [0, 1]}",
                        new String[] {"/targetClasses"}),
                Arguments.of(
                        "weight shape",
                        "{'logits': [[0.5, 1]], 'target': [[1, 0]], 'weight': [1, 1, 1]}",
                        new String[] {"/weight"}),
                Arguments.of(
                        "mixed ranks",
                        "{'logits': [[0.5], 1], 'target': [1, 0]}",
                        new String[] {"/logits/1"}),
                Arguments.of(
                        "posWeight that does not broadcast",
                        "{'logits': [[0.5, 1]], 'target': [[1, 0]], 'posWeight': [2, 1, 3]}",
                        new String[] {"/posWeight"}),
                Arguments.of(
                        "three dimensions with a 1-D target",
                        "{'logits': [[[0.5]]], 'target': [1]}",
                        new String[] {"/target"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyGives400NamingThePointer(String name, String body, String[] pointers) {
        assertProblem(post(mvc, URI, body), HttpStatus.BAD_REQUEST, pointers);
    }

    @Test
    void hugeWeightsThatOverflowTheGradientGive422() {
        // (x - y) / max(x(1-x), 1e-12) is -1e12 at x = 0, y = 1; times 1e308 overflows
        assertProblem(
                post(
                        mvc,
                        URI,
                        "{'probabilities': [0.0], 'target': [1], 'weight': [1e308], 'reduction': 'sum'}"),
                HttpStatus.UNPROCESSABLE_CONTENT);
    }
}
