package dev.lossservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers shared by the web-layer tests. */
public final class WebTestSupport {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private WebTestSupport() {}

    /** The text of an OpenAPI example file, e.g. {@code cross-entropy-seed}. */
    public static String example(String name) {
        try (var in =
                WebTestSupport.class.getResourceAsStream("/openapi/examples/" + name + ".json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new AssertionError("no example " + name, e);
        }
    }

    /** JSON written with single quotes, which keeps bodies readable inside Java strings. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    public static MvcTestResult post(MockMvcTester mvc, String uri, String singleQuotedBody) {
        return mvc.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json(singleQuotedBody))
                .exchange();
    }

    public static JsonNode body(MvcTestResult result) {
        try {
            return MAPPER.readTree(result.getResponse().getContentAsString());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError(e);
        }
    }

    /** The numbers of a (nested) JSON array, row-major. */
    public static double[] numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        collect(array, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode node, List<Double> values) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, values);
            }
        } else {
            assertThat(node.isNumber()).as("%s is a number", node).isTrue();
            values.add(node.doubleValue());
        }
    }

    /**
     * Asserts an RFC 9457 problem answer with all five members, whose {@code errors} name exactly
     * the given pointers in order (none given: no {@code errors} member), and returns its body.
     */
    public static JsonNode assertProblem(
            MvcTestResult result, HttpStatus status, String... pointers) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = body(result);
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).startsWith("/");
        if (pointers.length == 0) {
            assertThat(problem.has("errors")).as("errors in %s", problem).isFalse();
        } else {
            List<String> actual = new ArrayList<>();
            for (JsonNode error : problem.get("errors")) {
                actual.add(error.get("pointer").asString());
                assertThat(error.get("detail").asString()).isNotBlank();
            }
            assertThat(actual).as("pointers of %s", problem).containsExactly(pointers);
        }
        return problem;
    }
}
