package dev.lossservice.bce;

import static dev.lossservice.NestedCloseness.assertClose;
import static dev.lossservice.WebTestSupport.assertProblem;
import static dev.lossservice.WebTestSupport.body;
import static dev.lossservice.WebTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.RankFixtures;
import java.util.ArrayList;
import java.util.List;
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
 * {@code POST /loss/bce} on tensors of any rank (contract version 2). Every case of {@code
 * src/test/resources/fixtures/bce_v2.json} (PyTorch 1.13 float64, written by {@code
 * scripts/generate_fixtures_bs.py}, PyTorch's own BCE test configurations among them) is sent as
 * the request it holds, and the answer compared with PyTorch's values and the warnings expected.
 */
@WebMvcTest(BceController.class)
class BceTensorControllerTests {

    private static final String URI = "/loss/bce";

    @Autowired private MockMvcTester mvc;

    static Stream<Arguments> cases() {
        return RankFixtures.cases("bce_v2.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answerMatchesPyTorch(String name, JsonNode fixture) {
        MvcTestResult result = RankFixtures.send(mvc, URI, fixture);
        assertThat(result).hasStatusOk();
        JsonNode body = body(result);
        JsonNode expected = fixture.get("expected");
        boolean logits = fixture.get("request").has("logits");
        assertThat(body.get("mode").asString()).isEqualTo(logits ? "logits" : "probabilities");
        assertClose("loss", expected.get("loss"), body.get("loss"));
        assertClose("lossSum", expected.get("lossSum"), body.get("lossSum"));
        assertClose("denominator", expected.get("denominator"), body.get("denominator"));
        assertClose("gradient", expected.get("gradient"), body.get("gradient"));
        JsonNode samples = body.get("samples");
        JsonNode sampleLosses = expected.get("sampleLosses");
        int rank = fixture.get("shape").size();
        assertThat(samples.size()).isEqualTo(rank == 0 ? 1 : sampleLosses.size());
        for (int n = 0; n < samples.size(); n++) {
            JsonNode sample = samples.get(n);
            assertThat(sample.get("index").asInt()).isEqualTo(n);
            assertClose(
                    "samples/" + n + "/loss",
                    rank == 0 ? sampleLosses.get(0) : sampleLosses.get(n),
                    sample.get("loss"));
            if (rank >= 2) {
                assertClose(
                        "samples/" + n + "/elementLosses",
                        expected.get("elementLosses").get(n),
                        sample.get("elementLosses"));
            } else {
                assertThat(sample.has("elementLosses")).isFalse();
            }
            if (logits) {
                JsonNode sigmoid = expected.get("sigmoid");
                assertClose(
                        "samples/" + n + "/probabilities",
                        rank == 0 ? sigmoid : sigmoid.get(n),
                        sample.get("probabilities"));
            }
        }
        List<String> pointers = new ArrayList<>();
        if (body.has("warnings")) {
            for (JsonNode warning : body.get("warnings")) {
                pointers.add(warning.get("pointer").asString());
                assertThat(warning.get("detail").asString()).isNotBlank();
            }
        }
        List<String> expectedPointers = new ArrayList<>();
        fixture.get("warnings").forEach(p -> expectedPointers.add(p.asString()));
        assertThat(pointers).containsExactlyElementsOf(expectedPointers);
    }

    @Test
    void meanOverAnEmptyInputIsNullWithItsReason() {
        JsonNode body = body(post(mvc, URI, "{'logits': [], 'target': []}"));
        assertThat(body.get("loss").isNull()).isTrue();
        assertThat(body.get("lossUndefinedReason").asString()).contains("no element");
        assertThat(body.get("gradient").isEmpty()).isTrue();
        assertThat(body.get("samples").isEmpty()).isTrue();
    }

    @Test
    void aRankEightInputOfOneElementGetsAnAnswer() {
        JsonNode body =
                body(
                        post(
                                mvc,
                                URI,
                                "{'logits': [[[[[[[[0.5]]]]]]]], 'target': [[[[[[[[1]]]]]]]]}"));
        assertThat(body.get("gradient").get(0).get(0).get(0).get(0).get(0).get(0).get(0).size())
                .isEqualTo(1);
    }

    @Test
    void theSegmentationExampleGivesAGradientOfItsShapeAndOneSampleEach() {
        JsonNode body =
                body(post(mvc, URI, dev.lossservice.WebTestSupport.example("bce-segmentation")));
        JsonNode gradient = body.get("gradient");
        assertThat(gradient.size()).isEqualTo(2);
        assertThat(gradient.get(1).size()).isEqualTo(3);
        assertThat(gradient.get(1).get(2).size()).isEqualTo(2);
        assertThat(gradient.get(1).get(2).get(1).size()).isEqualTo(2);
        assertThat(body.get("samples").get(1).get("elementLosses").get(2).get(1).size())
                .isEqualTo(2);
        assertThat(body.has("warnings")).isFalse();
    }

    @Test
    void theUnbatchedExampleGivesBareNumbers() {
        JsonNode body =
                body(post(mvc, URI, dev.lossservice.WebTestSupport.example("bce-unbatched")));
        assertThat(body.get("gradient").isNumber()).isTrue();
        assertThat(body.get("samples").get(0).get("probabilities").isNumber()).isTrue();
        assertThat(body.get("denominator").doubleValue()).isEqualTo(1.0);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(
                        "weight that does not broadcast",
                        "{'logits': [[0.5, 1], [1, 2]], 'target': [[1, 0], [0, 1]], 'weight': [1,"
                                + " 2, 3]}",
                        new String[] {"/weight"}),
                Arguments.of(
                        "weight of higher rank than the input",
                        "{'logits': [0.5, 1], 'target': [1, 0], 'weight': [[1, 2]]}",
                        new String[] {"/weight"}),
                Arguments.of(
                        "posWeight that does not broadcast",
                        "{'logits': [[0.5, 1], [1, 2]], 'target': [[1, 0], [0, 1]], 'posWeight':"
                                + " [[1], [2], [3]]}",
                        new String[] {"/posWeight"}),
                Arguments.of(
                        "target shape mismatch",
                        "{'logits': [[[0.5, 1]]], 'target': [[0.5, 1]]}",
                        new String[] {"/target"}),
                Arguments.of(
                        "probability outside [0, 1] in a rank-3 input",
                        "{'probabilities': [[[0.5, 1.5]]], 'target': [[[1, 0]]]}",
                        new String[] {"/probabilities/0/0/1"}),
                Arguments.of(
                        "upstream gradient of the wrong shape for none",
                        "{'logits': [0.5, 1], 'target': [1, 0], 'reduction': 'none',"
                                + " 'upstreamGradient': [1]}",
                        new String[] {"/upstreamGradient"}),
                Arguments.of(
                        "upstream gradient array for mean",
                        "{'logits': [0.5, 1], 'target': [1, 0], 'upstreamGradient': [1, 1]}",
                        new String[] {"/upstreamGradient"}),
                Arguments.of(
                        "rank above the limit",
                        "{'logits': [[[[[[[[[0.5]]]]]]]]], 'target': [[[[[[[[[1]]]]]]]]]}",
                        new String[] {"/logits", "/target"}),
                Arguments.of(
                        "targetClasses with a rank-3 input",
                        "{'logits': [[[0.5, 1]]], 'targetClasses': [0]}",
                        new String[] {"/targetClasses"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyGives400NamingThePointer(String name, String body, String[] pointers) {
        assertProblem(post(mvc, URI, body), HttpStatus.BAD_REQUEST, pointers);
    }
}
