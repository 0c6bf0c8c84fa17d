package dev.lossservice.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the whole path from request bytes to response for each endpoint: the full application
 * context with its servlet filters (body limit, heavy-request gate), the streaming reader, the
 * controllers and the problem-detail advice, through MockMvc.
 *
 * <p>Whatever the body and query, the answer must be a 2xx with finite JSON or a 4xx problem
 * detail: a 5xx, an exception escaping the application, a non-finite number or a problem without
 * its members is a finding. Without {@code JAZZER_FUZZ=1} each method replays its committed inputs
 * under {@code src/test/resources/dev/lossservice/fuzz/EndpointFuzzTestsInputs/<method>/}.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EndpointFuzzTests {

    private static final String[] QUERIES = {
        "", "?samples=false", "?gradient=false", "?samples=false&gradient=false", "?samples=maybe"
    };

    /** Strict: a NaN or Infinity token in a response fails the parse. */
    private static final JsonMapper STRICT =
            JsonMapper.builder().disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @Autowired MockMvc mvc;

    @FuzzTest(maxDuration = "2m")
    void crossEntropy(FuzzedDataProvider data) throws Exception {
        exchange("/loss/cross-entropy", data);
    }

    @FuzzTest(maxDuration = "2m")
    void nll(FuzzedDataProvider data) throws Exception {
        exchange("/loss/nll", data);
    }

    @FuzzTest(maxDuration = "2m")
    void bce(FuzzedDataProvider data) throws Exception {
        exchange("/loss/bce", data);
    }

    @FuzzTest(maxDuration = "2m")
    void softmax(FuzzedDataProvider data) throws Exception {
        exchange("/softmax", data);
    }

    private void exchange(String path, FuzzedDataProvider data) throws Exception {
        String query = data.pickValue(QUERIES);
        byte[] body = data.consumeRemainingAsBytes();

        MockHttpServletResponse response =
                mvc.perform(post(path + query).contentType("application/json").content(body))
                        .andReturn()
                        .getResponse();

        int status = response.getStatus();
        String text = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(status / 100).as("status class of %d", status).isIn(2, 4);
        JsonNode json = STRICT.readTree(text);
        if (status >= 400) {
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(json.get("status").asInt()).isEqualTo(status);
            assertThat(json.get("type").isString()).isTrue();
            assertThat(json.get("title").isString()).isTrue();
            assertThat(json.get("detail").isString()).isTrue();
            assertThat(text).doesNotContain("Exception", "\tat ", "tools.jackson");
        } else {
            assertThat(json.isObject()).isTrue();
        }
    }
}
