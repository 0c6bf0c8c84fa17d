package dev.lossservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The corners of the input space on every endpoint: a rank-8 input of one element per dimension,
 * and an input whose last dimension has size 0 ({@code [N][0]}). Each gets its answer or a 400
 * problem that names a field, never a 500, with and without explain mode.
 */
@WebMvcTest
class EdgeShapesTests {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** {@code [[[[[[[[value]]]]]]]]}: rank 8, one element. */
    private static String rankEight(String value) {
        return "[".repeat(8) + value + "]".repeat(8);
    }

    /** {@code [[[[[[[value]]]]]]]}: rank 7, one element (a class-index target of rank 8 input). */
    private static String rankSeven(String value) {
        return "[".repeat(7) + value + "]".repeat(7);
    }

    @Autowired private MockMvcTester mvc;

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of(
                        "/loss/cross-entropy",
                        "{\"logits\":" + rankEight("0.5") + ",\"target\":" + rankSeven("0") + "}",
                        true),
                Arguments.of(
                        "/loss/nll",
                        "{\"logProbabilities\":"
                                + rankEight("-0.5")
                                + ",\"target\":"
                                + rankSeven("0")
                                + "}",
                        true),
                Arguments.of(
                        "/loss/bce",
                        "{\"logits\":" + rankEight("0.5") + ",\"target\":" + rankEight("1") + "}",
                        true),
                Arguments.of("/softmax", "{\"logits\":" + rankEight("0.5") + "}", true),
                Arguments.of("/loss/cross-entropy", "{\"logits\":[[],[]],\"target\":[0,0]}", false),
                Arguments.of("/loss/nll", "{\"logProbabilities\":[[],[]],\"target\":[0,0]}", false),
                Arguments.of("/loss/bce", "{\"logits\":[[],[]],\"target\":[[],[]]}", true),
                Arguments.of("/softmax", "{\"logits\":[[],[]]}", true));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void cornerShapesGetAnAnswerOrA400NamingAField(String uri, String body, boolean answered)
            throws Exception {
        for (String query : List.of("", "?explain=true")) {
            MvcTestResult result =
                    mvc.post()
                            .uri(uri + query)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body)
                            .exchange();
            int status = result.getResponse().getStatus();
            JsonNode answer = MAPPER.readTree(result.getResponse().getContentAsString());
            if (answered) {
                assertThat(status).as(uri + query).isEqualTo(200);
                assertThat(answer.has("gradient") || answer.has("probabilities")).isTrue();
            } else {
                // No class to pick: a batch of samples with C = 0 is refused, as PyTorch refuses
                // a target index with no class.
                assertThat(status).as(uri + query).isEqualTo(400);
                assertThat(answer.get("errors").get(0).get("pointer").asString()).startsWith("/");
            }
        }
    }
}
