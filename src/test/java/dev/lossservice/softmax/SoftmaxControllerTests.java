package dev.lossservice.softmax;

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
 * {@code POST /softmax}. Expected values: PyTorch 1.13 float64, {@code F.softmax(logits / 2)},
 * {@code torch.logsumexp} and {@code probabilities.backward(g)}, run by hand on the body below.
 */
@WebMvcTest(SoftmaxController.class)
class SoftmaxControllerTests {

    private static final String URI = "/softmax";
    private static final double TOLERANCE = 1e-12;
    private static final String EXAMPLE =
            "{'logits': [[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]], 'temperature': 2.0,"
                    + " 'upstreamGradient': [[1, 0, 0], [0, 0, 1]]}";

    @Autowired private MockMvcTester mvc;

    @Test
    void temperedSoftmaxAndItsVectorJacobianProductMatchPyTorch() {
        MvcTestResult result = post(mvc, URI, EXAMPLE);
        assertThat(result).hasStatusOk();
        JsonNode body = body(result);
        assertThat(numbers(body.get("probabilities")))
                .containsExactly(
                        new double[] {
                            0.1863237232258476,
                            0.3071958857184984,
                            0.506480391055654,
                            1.0 / 3,
                            1.0 / 3,
                            1.0 / 3
                        },
                        within(TOLERANCE));
        assertThat(numbers(body.get("logSumExp")))
                .containsExactly(
                        new double[] {2.1802696706417346, 1.5986122886681098}, within(TOLERANCE));
        double[] probabilities = numbers(body.get("probabilities"));
        double[] logProbabilities = numbers(body.get("logProbabilities"));
        for (int i = 0; i < probabilities.length; i++) {
            assertThat(logProbabilities[i])
                    .isCloseTo(Math.log(probabilities[i]), within(TOLERANCE));
        }
        assertThat(body.get("predictedClass").get(0).asInt()).isEqualTo(2);
        // ties: the first index, as torch.argmax
        assertThat(body.get("predictedClass").get(1).asInt()).isZero();
        assertThat(numbers(body.get("gradient")))
                .containsExactly(
                        new double[] {
                            0.07580359669455267, -0.0286189405933663, -0.04718465610118636,
                            -0.05555555555555555, -0.05555555555555555, 0.11111111111111112
                        },
                        within(TOLERANCE));
    }

    @Test
    void withoutUpstreamGradientThereIsNoGradient() {
        JsonNode body = body(post(mvc, URI, "{'logits': [[0, 0]]}"));
        assertThat(body.propertyNames())
                .containsExactly(
                        "probabilities", "logProbabilities", "logSumExp", "predictedClass");
        assertThat(numbers(body.get("probabilities"))).containsExactly(0.5, 0.5);
    }

    @Test
    void gradientFalseLeavesTheGradientOut() {
        MvcTestResult result =
                mvc.post()
                        .uri(URI + "?gradient=false")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(WebTestSupport.json(EXAMPLE))
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
                Arguments.of("no logits", "{'temperature': 1}", new String[] {"/logits"}),
                Arguments.of(
                        "1-D logits",
                        "{'logits': [1, 2]}",
                        new String[] {"/logits/0", "/logits/1"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyGives400NamingThePointer(String name, String body, String[] pointers) {
        assertProblem(post(mvc, URI, body), HttpStatus.BAD_REQUEST, pointers);
    }
}
