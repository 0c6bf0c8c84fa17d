package dev.lossservice.softmax;

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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /softmax}. Expected values: PyTorch 1.13 float64, {@code F.softmax(logits / T)},
 * {@code F.log_softmax}, {@code torch.logsumexp} and {@code probabilities.backward(g)}, from the
 * fixture cases of {@code src/test/resources/fixtures/softmax.json} (written by {@code
 * scripts/generate_fixtures.py}) that each test names; the request bodies are made of the same
 * cases' inputs.
 */
@WebMvcTest(SoftmaxController.class)
class SoftmaxControllerTests {

    private static final String URI = "/softmax";
    private static final double TOLERANCE = 1e-12;
    private static final String FIXTURES = "softmax.json";

    /** Two rows, the second all ties, at temperature 2 with an upstream gradient. */
    private static final Case EXAMPLE =
            PyTorchFixtures.find(FIXTURES, "controller: a row with a tie, temperature 2.0");

    @Autowired private MockMvcTester mvc;

    @Test
    void temperedSoftmaxAndItsVectorJacobianProductMatchPyTorch() {
        // PyTorch 1.13 float64: fixture case "controller: a row with a tie, temperature 2.0"
        MvcTestResult result =
                post(mvc, URI, EXAMPLE.body("logits", "temperature", "upstreamGradient"));
        assertThat(result).hasStatusOk();
        JsonNode body = body(result);
        assertThat(numbers(body.get("probabilities")))
                .containsExactly(EXAMPLE.numbers("probabilities"), within(TOLERANCE));
        assertThat(numbers(body.get("logSumExp")))
                .containsExactly(EXAMPLE.numbers("logSumExp"), within(TOLERANCE));
        double[] probabilities = numbers(body.get("probabilities"));
        double[] logProbabilities = numbers(body.get("logProbabilities"));
        for (int i = 0; i < probabilities.length; i++) {
            assertThat(logProbabilities[i])
                    .isCloseTo(Math.log(probabilities[i]), within(TOLERANCE));
        }
        assertThat(logProbabilities)
                .containsExactly(EXAMPLE.numbers("logProbabilities"), within(TOLERANCE));
        assertThat(body.get("predictedClass").get(0).asInt())
                .isEqualTo(EXAMPLE.expect("predictedClass").get(0).asInt());
        // ties: the first index, as torch.argmax
        assertThat(body.get("predictedClass").get(1).asInt())
                .isEqualTo(EXAMPLE.expect("predictedClass").get(1).asInt());
        assertThat(numbers(body.get("gradient")))
                .containsExactly(EXAMPLE.numbers("gradient"), within(TOLERANCE));
    }

    @Test
    void withoutUpstreamGradientThereIsNoGradient() {
        // PyTorch 1.13 float64: F.softmax, fixture case "controller: two equal logits,
        // temperature 1.0" (sent without its upstream gradient)
        Case equal =
                PyTorchFixtures.find(FIXTURES, "controller: two equal logits, temperature 1.0");
        JsonNode body = body(post(mvc, URI, equal.body("logits")));
        assertThat(body.propertyNames())
                .containsExactly(
                        "probabilities", "logProbabilities", "logSumExp", "predictedClass");
        assertThat(numbers(body.get("probabilities")))
                .containsExactly(equal.numbers("probabilities"), within(0.0));
    }

    @Test
    void gradientFalseLeavesTheGradientOut() {
        MvcTestResult result =
                mvc.post()
                        .uri(URI + "?gradient=false")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(EXAMPLE.body("logits", "temperature", "upstreamGradient"))
                        .exchange();
        assertThat(body(result).has("gradient")).isFalse();
    }

    @Test
    void aTemperatureSoSmallThatLogitsOverflowGives422() {
        assertProblem(
                post(mvc, URI, "{'logits': [[1e300, -1e300]], 'temperature': 1e-300}"),
                HttpStatus.UNPROCESSABLE_CONTENT);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(
                        "zero temperature",
                        "{'logits': [[1, 2]], 'temperature': 0}",
                        new String[] {"/temperature"}),
                Arguments.of(
                        "negative temperature",
                        "{'logits': [[1, 2]], 'temperature': -1}",
                        new String[] {"/temperature"}),
                Arguments.of(
                        "infinite temperature",
                        "{'logits': [[1, 2]], 'temperature': 1e999}",
                        new String[] {"/temperature"}),
                Arguments.of(
                        "upstream gradient shape",
                        "{'logits': [[1, 2]], 'upstreamGradient': [[1, 2, 3]]}",
                        new String[] {"/upstreamGradient"}),
                Arguments.of(
                        "NaN in upstream gradient",
                        "{'logits': [[1, 2]], 'upstreamGradient': [[1, NaN]]}",
                        new String[] {"/upstreamGradient/0/1"}),
                Arguments.of("no logits", "{'temperature': 1}", new String[] {"/logits"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyGives400NamingThePointer(String name, String body, String[] pointers) {
        assertProblem(post(mvc, URI, body), HttpStatus.BAD_REQUEST, pointers);
    }
}
