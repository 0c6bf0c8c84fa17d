package dev.lossservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document and Swagger UI, as springdoc serves them from the whole application. */
@SpringBootTest
@AutoConfigureMockMvc
class LossServiceOpenApiTests {

    private static final List<String> PATHS =
            List.of("/loss/cross-entropy", "/loss/nll", "/loss/bce", "/softmax");

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Autowired private MockMvcTester mvc;

    private JsonNode apiDocs;

    @BeforeEach
    void readApiDocs() throws Exception {
        MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();
        assertThat(result).hasStatusOk();
        apiDocs = mapper.readTree(result.getResponse().getContentAsString());
    }

    /** The examples of an operation, each reference resolved to the shared example it names. */
    private Map<String, JsonNode> examples(String path) {
        JsonNode references =
                apiDocs.at("/paths/" + path.replace("/", "~1") + "/post/requestBody/content")
                        .get("application/json")
                        .get("examples");
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : references.properties()) {
            String reference = entry.getValue().get("$ref").asString();
            assertThat(reference).startsWith("#/components/examples/");
            examples.put(entry.getKey(), apiDocs.at(reference.substring(1)));
        }
        return examples;
    }

    @Test
    void apiDocsShouldDescribeAllFourEndpointsWithExamples() {
        for (String path : PATHS) {
            assertThat(apiDocs.at("/paths/" + path.replace("/", "~1") + "/post").isObject())
                    .as(path)
                    .isTrue();
            assertThat(examples(path)).as("examples of %s", path).isNotEmpty();
        }
        assertThat(examples("/loss/cross-entropy").keySet())
                .contains("cross-entropy-probabilities", "cross-entropy-label-smoothing");
        Map<String, JsonNode> bce = examples("/loss/bce");
        assertThat(bce.get("bce-logits").at("/value/logits").isArray()).isTrue();
        assertThat(bce.get("bce-sigmoid-multi-class").at("/value/targetClasses").isArray())
                .isTrue();
        JsonNode softmax = examples("/softmax").get("softmax").get("value");
        assertThat(softmax.has("temperature")).isTrue();
        assertThat(softmax.has("upstreamGradient")).isTrue();
    }

    @Test
    void theFirstCrossEntropyExampleShouldBeTheSeed() {
        JsonNode first = examples("/loss/cross-entropy").values().iterator().next().get("value");
        assertThat(first).isEqualTo(mapper.readTree(WebTestSupport.example("cross-entropy-seed")));
        assertThat(numbers(first.get("logits")))
                .containsExactly(
                        -1.0606, 1.5613, 1.2007, -0.2481, -1.9652, -0.4367, -0.0645, -0.5104,
                        0.1011, -0.5904, 0.0243, 0.1002);
        assertThat(numbers(first.get("target"))).containsExactly(0.0, 2.0, 1.0);
    }

    @Test
    void tryingOutTheFirstCrossEntropyExampleShouldGiveTheSeedLoss() throws Exception {
        JsonNode first = examples("/loss/cross-entropy").values().iterator().next().get("value");
        MvcTestResult result =
                mvc.post()
                        .uri("/loss/cross-entropy")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(first.toString())
                        .exchange();
        assertThat(result).bodyJson().extractingPath("$.loss").isEqualTo(2.0373472850337726);
    }

    @Test
    void tensorFieldsShouldBeDocumentedAsNestedNumberArrays() {
        JsonNode logits = apiDocs.at("/components/schemas/CrossEntropyRequest/properties/logits");
        // Arrays whose items are left open, so that generated clients carry any rank as it is;
        // the description gives the shape.
        assertThat(logits.get("type").asString()).isEqualTo("array");
        assertThat(logits.get("items").isEmpty()).isTrue();
        assertThat(logits.get("description").asString()).contains("number[N][C]");
        JsonNode target = apiDocs.at("/components/schemas/CrossEntropyRequest/properties/target");
        assertThat(target.at("/items/type").asString()).isEqualTo("integer");
        assertThat(apiDocs.at("/components/schemas/CrossEntropyRequest/required").toString())
                .contains("logits");
        assertThat(
                        apiDocs.at(
                                        "/components/schemas/CrossEntropyRequest/properties/labelSmoothing/maximum")
                                .asInt())
                .isEqualTo(1);
        // No internal type leaks into the document.
        assertThat(apiDocs.at("/components/schemas").has("Matrix")).isFalse();
        assertThat(apiDocs.at("/components/schemas").has("Tensor")).isFalse();
        assertThat(apiDocs.toString()).doesNotContain("\"values\"").doesNotContain("\"columns\"");
    }

    @Test
    void everyOperationShouldDocumentItsProblemAnswers() {
        for (String path : PATHS) {
            JsonNode responses =
                    apiDocs.at("/paths/" + path.replace("/", "~1") + "/post/responses");
            for (String status : List.of("400", "413", "415", "422", "503")) {
                assertThat(responses.at("/" + status + "/content").get("application/problem+json"))
                        .as("%s %s", path, status)
                        .isNotNull();
            }
        }
        JsonNode problem = apiDocs.at("/components/schemas/Problem/properties");
        assertThat(problem.propertyNames())
                .contains("type", "title", "status", "detail", "instance", "errors");
    }

    @Test
    void infoShouldStateTheConventions() {
        JsonNode info = apiDocs.get("info");
        assertThat(info.get("title").asString()).isEqualTo("loss-service");
        assertThat(info.get("version").asString()).isNotBlank();
        assertThat(info.get("description").asString())
                .contains("double precision")
                .contains("natural")
                .contains("denominator")
                .contains("backward");
    }

    @Test
    void swaggerUiShouldBeServed() {
        MvcTestResult redirect = mvc.get().uri("/swagger-ui.html").exchange();
        assertThat(redirect).hasStatus3xxRedirection();
        assertThat(mvc.get().uri("/swagger-ui/index.html").exchange())
                .hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isArray()) {
                values.addAll(numbers(element));
            } else {
                values.add(element.doubleValue());
            }
        }
        return values;
    }
}
