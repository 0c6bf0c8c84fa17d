package dev.lossservice.softmax;

import static dev.lossservice.NestedCloseness.assertClose;
import static dev.lossservice.WebTestSupport.assertProblem;
import static dev.lossservice.WebTestSupport.body;
import static dev.lossservice.WebTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.RankFixtures;
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
 * {@code POST /softmax} along any dim of logits of any rank (contract version 2). Every case of
 * {@code src/test/resources/fixtures/softmax_v2.json} (PyTorch 1.13 float64, written by {@code
 * scripts/generate_fixtures_bs.py}, PyTorch's own softmax and log_softmax test configurations among
 * them) is sent as the request it holds and the answer compared with PyTorch's values.
 */
@WebMvcTest(SoftmaxController.class)
class SoftmaxTensorControllerTests {

    private static final String URI = "/softmax";

    @Autowired private MockMvcTester mvc;

    static Stream<Arguments> cases() {
        return RankFixtures.cases("softmax_v2.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answerMatchesPyTorch(String name, JsonNode fixture) {
        MvcTestResult result = RankFixtures.send(mvc, URI, fixture);
        assertThat(result).hasStatusOk();
        JsonNode body = body(result);
        JsonNode expected = fixture.get("expected");
        for (String field :
                new String[] {"probabilities", "logProbabilities", "logSumExp", "predictedClass"}) {
            assertClose(field, expected.get(field), body.get(field));
        }
        assertThat(body.has("undefinedReason"))
                .isEqualTo(expected.get("logSumExp").toString().contains("Infinity"));
        if (expected.get("gradient").isNull()) {
            assertThat(body.has("gradient")).isFalse();
        } else {
            assertClose("gradient", expected.get("gradient"), body.get("gradient"));
        }
    }

    @Test
    void aZeroDimensionalLogitGivesBareNumbers() {
        JsonNode body = body(post(mvc, URI, "{'logits': 2.5}"));
        assertThat(body.get("probabilities").doubleValue()).isEqualTo(1.0);
        assertThat(body.get("logProbabilities").doubleValue()).isEqualTo(0.0);
        assertThat(body.get("logSumExp").doubleValue()).isEqualTo(2.5);
        assertThat(body.get("predictedClass").intValue()).isEqualTo(0);
    }

    @Test
    void anEmptyVectorHasNullLogSumExpAndPredictedClass() {
        JsonNode body = body(post(mvc, URI, "{'logits': []}"));
        assertThat(body.get("logSumExp").isNull()).isTrue();
        assertThat(body.get("predictedClass").isNull()).isTrue();
        assertThat(body.get("undefinedReason").asString()).contains("size 0");
    }

    @Test
    void theDimExampleNormalisesAlongDimOne() {
        JsonNode body = body(post(mvc, URI, dev.lossservice.WebTestSupport.example("softmax-dim")));
        JsonNode p = body.get("probabilities");
        for (int n = 0; n < 2; n++) {
            for (int w = 0; w < 2; w++) {
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    sum += p.get(n).get(c).get(w).doubleValue();
                }
                assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
            }
        }
        assertThat(body.get("logSumExp").size()).isEqualTo(2);
        assertThat(body.get("logSumExp").get(0).size()).isEqualTo(2);
        assertThat(body.get("gradient").get(1).size()).isEqualTo(3);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(
                        "dim out of range",
                        "{'logits': [[1, 2]], 'dim': 2}",
                        new String[] {"/dim"}),
                Arguments.of(
                        "negative dim out of range",
                        "{'logits': [[1, 2]], 'dim': -3}",
                        new String[] {"/dim"}),
                Arguments.of(
                        "dim 1 of a 0-d tensor", "{'logits': 1, 'dim': 1}", new String[] {"/dim"}),
                Arguments.of(
                        "both upstream gradients",
                        "{'logits': [1, 2], 'upstreamGradient': [1, 0], 'upstreamLogGradient': [0,"
                                + " 1]}",
                        new String[] {"/upstreamLogGradient"}),
                Arguments.of(
                        "upstream log gradient shape",
                        "{'logits': [[1, 2]], 'upstreamLogGradient': [1, 2]}",
                        new String[] {"/upstreamLogGradient"}),
                Arguments.of(
                        "rank above the limit",
                        "{'logits': [[[[[[[[[0.5]]]]]]]]]}",
                        new String[] {"/logits"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyGives400NamingThePointer(String name, String body, String[] pointers) {
        assertProblem(post(mvc, URI, body), HttpStatus.BAD_REQUEST, pointers);
    }
}
