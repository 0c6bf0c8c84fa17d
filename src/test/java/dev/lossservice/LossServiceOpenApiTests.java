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

    private static final List<String> REQUESTS =
            List.of("CrossEntropyRequest", "NllRequest", "BceRequest", "SoftmaxRequest");

    private static final String REDUCTION = "#/components/schemas/Reduction";

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
        assertThat(bce.get("bce-logits-1d").at("/value/logits/0").isNumber()).isTrue();
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
        // A bare integer (unbatched input) or nested arrays of integers: any JSON value, which
        // generated clients carry as it is (a union type becomes a wrapper that decodes neither).
        assertThat(target.has("type")).isFalse();
        assertThat(target.get("description").asString()).contains("a single integer");
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
    void theDocumentShouldHaveExactlyTheFourPathsAndARelativeServer() {
        assertThat(apiDocs.get("paths").propertyNames()).containsExactlyInAnyOrderElementsOf(PATHS);
        // Relative: the same document whatever Host a client used, so generated clients do not
        // hard-code the host that generated them.
        assertThat(apiDocs.get("servers").toString()).isEqualTo("[{\"url\":\"/\"}]");
    }

    @Test
    void everyReductionShouldReferenceTheSharedReductionSchema() {
        for (String request : List.of("CrossEntropyRequest", "NllRequest", "BceRequest")) {
            assertThat(references(property(request, "reduction"))).as(request).contains(REDUCTION);
        }
        for (String response : List.of("CrossEntropyResponse", "NllResponse", "BceResponse")) {
            assertThat(property(response, "reduction").get("$ref").asString())
                    .as(response)
                    .isEqualTo(REDUCTION);
        }
        assertThat(schema("Reduction").get("enum").toString())
                .isEqualTo("[\"mean\",\"sum\",\"none\"]");
        assertThat(property("BceResponse", "mode").get("$ref").asString())
                .isEqualTo("#/components/schemas/BceMode");
        assertThat(schema("BceMode").get("enum").toString())
                .isEqualTo("[\"probabilities\",\"logits\"]");
        // Each enum once, in its component: inline copies become distinct types in each client.
        assertThat(apiDocs.get("paths").toString()).doesNotContain("\"enum\"");
        for (Map.Entry<String, JsonNode> entry : apiDocs.at("/components/schemas").properties()) {
            if (!entry.getKey().equals("Reduction") && !entry.getKey().equals("BceMode")) {
                assertThat(entry.getValue().toString())
                        .as(entry.getKey())
                        .doesNotContain("\"enum\"");
            }
        }
    }

    @Test
    void fieldsEveryAnswerCarriesShouldBeRequired() {
        Map<String, List<String>> required = new LinkedHashMap<>();
        List<String> loss = List.of("loss", "reduction", "lossSum", "denominator");
        required.put("CrossEntropyResponse", loss);
        required.put("NllResponse", loss);
        required.put("BceResponse", List.of("loss", "reduction", "mode", "lossSum", "denominator"));
        required.put(
                "SoftmaxResponse",
                List.of("probabilities", "logProbabilities", "logSumExp", "predictedClass"));
        required.put(
                "CrossEntropySample",
                List.of(
                        "index",
                        "target",
                        "ignored",
                        "weight",
                        "loss",
                        "probabilities",
                        "targetProbability",
                        "predictedClass"));
        required.put("NllSample", List.of("index", "target", "ignored", "weight", "loss"));
        required.put("BceSample", List.of("index", "loss"));
        required.put("Problem", List.of("type", "title", "status", "detail"));
        required.put("FieldProblem", List.of("pointer", "detail"));
        required.forEach(
                (name, fields) ->
                        assertThat(strings(schema(name).get("required")))
                                .as(name)
                                .containsExactlyInAnyOrderElementsOf(fields));
        assertThat(strings(schema("CrossEntropyRequest").get("required")))
                .containsExactly("logits");
        assertThat(strings(schema("NllRequest").get("required")))
                .containsExactlyInAnyOrder("logProbabilities", "target");
        assertThat(schema("BceRequest").has("required")).isFalse();
        assertThat(strings(schema("SoftmaxRequest").get("required"))).containsExactly("logits");
    }

    @Test
    void optionalFieldsShouldBeNullableWithoutADefaultAClientWouldSend() {
        for (String request : REQUESTS) {
            List<String> required = strings(schema(request).get("required"));
            for (Map.Entry<String, JsonNode> field :
                    schema(request).get("properties").properties()) {
                JsonNode property = field.getValue();
                String where = request + "." + field.getKey();
                assertThat(property.has("default")).as(where).isFalse();
                // A tensor of any rank from 0 is left open (any JSON value, null included); the
                // service answers null with a 400 naming the field.
                boolean open = property.size() == 1 && property.has("description");
                if (required.contains(field.getKey()) && !open) {
                    assertThat(admitsNull(property)).as(where).isFalse();
                } else {
                    assertThat(admitsNull(property)).as(where).isTrue();
                }
            }
        }
        assertThat(admitsNull(property("CrossEntropyRequest", "ignoreIndex"))).isTrue();
        assertThat(admitsNull(property("BceSample", "elementLosses"))).isTrue();
        assertThat(admitsNull(property("CrossEntropyResponse", "samples"))).isTrue();
        assertThat(admitsNull(property("CrossEntropyResponse", "lossSum"))).isFalse();
    }

    @Test
    void aBceSampleProbabilitiesShouldAdmitANumberAsWellAsAnArray() {
        // A number for 1-D input, number[C] for 2-D: any JSON value, which clients decode as is.
        JsonNode probabilities = property("BceSample", "probabilities");
        assertThat(probabilities.has("type")).isFalse();
        assertThat(probabilities.get("description").asString())
                .contains("number[C] for 2-D input")
                .contains("a number for 1-D input");
    }

    @Test
    void everyOperationShouldDocumentTheExplainFlagAndItsSteps() {
        for (String path : PATHS) {
            JsonNode explain = null;
            for (JsonNode parameter :
                    apiDocs.at("/paths/" + path.replace("/", "~1") + "/post/parameters")) {
                if (parameter.get("name").asString().equals("explain")) {
                    explain = parameter;
                }
            }
            assertThat(explain).as("explain of %s", path).isNotNull();
            assertThat(explain.get("in").asString()).isEqualTo("query");
            assertThat(explain.at("/schema/type").asString()).isEqualTo("boolean");
            assertThat(explain.at("/schema/default").asBoolean(true)).isFalse();
            assertThat(explain.get("description").asString()).contains("max-explain-elements");
        }
        for (String response :
                List.of("CrossEntropyResponse", "NllResponse", "BceResponse", "SoftmaxResponse")) {
            JsonNode steps = property(response, "steps");
            assertThat(admitsNull(steps)).as("%s.steps", response).isTrue();
            assertThat(steps.at("/items/$ref").asString())
                    .isEqualTo("#/components/schemas/ExplainStep");
        }
        JsonNode step = schema("ExplainStep");
        assertThat(step.get("required"))
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("name", "formula", "numpy", "value");
        // A number (the loss) or nested arrays: any JSON value, as BceSample's probabilities.
        assertThat(property("ExplainStep", "value").has("type")).isFalse();
    }

    @Test
    void boundsShouldComeFromTheConstraints() {
        JsonNode temperature = property("SoftmaxRequest", "temperature");
        assertThat(temperature.get("exclusiveMinimum").asInt()).isZero();
        assertThat(temperature.has("minimum")).isFalse();
        JsonNode labelSmoothing = property("CrossEntropyRequest", "labelSmoothing");
        assertThat(labelSmoothing.get("minimum").asInt()).isZero();
        assertThat(labelSmoothing.get("maximum").asInt()).isEqualTo(1);
        assertThat(labelSmoothing.has("exclusiveMinimum")).isFalse();
        assertThat(labelSmoothing.has("exclusiveMaximum")).isFalse();
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
    void everyOperationShouldTakeItsFieldsAsNpyAndTextParts() {
        for (int i = 0; i < PATHS.size(); i++) {
            JsonNode content =
                    apiDocs.at(
                            "/paths/"
                                    + PATHS.get(i).replace("/", "~1")
                                    + "/post/requestBody/content");
            // JSON first: generated clients and Swagger UI take the first.
            assertThat(content.propertyNames())
                    .containsExactly("application/json", "multipart/form-data");
            JsonNode form = content.get("multipart/form-data");
            JsonNode json = schema(REQUESTS.get(i));
            assertThat(form.at("/schema/properties").propertyNames())
                    .containsExactlyElementsOf(json.get("properties").propertyNames());
            assertThat(strings(form.at("/schema/required")))
                    .isEqualTo(strings(json.get("required")));
            for (Map.Entry<String, JsonNode> field : json.get("properties").properties()) {
                JsonNode part = form.at("/schema/properties/" + field.getKey());
                JsonNode type = field.getValue().path("type");
                // A field that takes a tensor of any rank from 0 is left open in JSON (a bare
                // number or nested arrays): it has no type, no reference and no alternatives.
                JsonNode property = field.getValue();
                boolean open =
                        !property.has("type")
                                && !property.has("$ref")
                                && !property.has("oneOf")
                                && !property.has("anyOf");
                boolean tensor =
                        open
                                || (type.isArray()
                                        ? strings(type).contains("array")
                                        : type.asString("").equals("array"));
                String where = REQUESTS.get(i) + "." + field.getKey();
                if (tensor) {
                    // A file upload in Swagger UI, the 3.0 and the 3.1 way.
                    assertThat(part.get("format").asString()).as(where).isEqualTo("binary");
                    assertThat(part.get("contentMediaType").asString())
                            .as(where)
                            .isEqualTo("application/octet-stream");
                    assertThat(part.get("description").asString()).as(where).contains(".npy");
                    assertThat(form.at("/encoding/" + field.getKey() + "/contentType").asString())
                            .isEqualTo("application/octet-stream");
                } else {
                    assertThat(part.has("format") && part.get("format").asString().equals("binary"))
                            .as(where)
                            .isFalse();
                }
            }
        }
        JsonNode crossEntropy =
                apiDocs.at(
                        "/paths/~1loss~1cross-entropy/post/requestBody/content/multipart~1form-data/schema/properties");
        assertThat(crossEntropy.at("/target/description").asString()).contains("<i8", "|b1");
        assertThat(crossEntropy.at("/logits/description").asString()).contains("<f8", "<f4");
        // PyTorch's defaults, so that Swagger UI's form sends what an absent field means.
        assertThat(crossEntropy.at("/ignoreIndex/default").asInt()).isEqualTo(-100);
        assertThat(crossEntropy.at("/reduction/default").asString()).isEqualTo("mean");
        assertThat(crossEntropy.at("/reduction/$ref").asString()).isEqualTo(REDUCTION);
    }

    @Test
    void everyOperationShouldAnswerAnNpzOnRequest() {
        for (String path : PATHS) {
            JsonNode content =
                    apiDocs.at("/paths/" + path.replace("/", "~1") + "/post/responses/200/content");
            assertThat(content.propertyNames())
                    .as(path)
                    .containsExactly("application/json", "application/x-npz");
            JsonNode npz = content.at("/application~1x-npz/schema");
            assertThat(npz.get("format").asString()).isEqualTo("binary");
            assertThat(npz.get("description").asString()).contains("np.load", "losses");
        }
        assertThat(apiDocs.at("/info/description").asString())
                .contains("multipart/form-data", ".npy", "application/x-npz")
                .doesNotContain("  ");
    }

    @Test
    void swaggerUiShouldBeServed() {
        MvcTestResult redirect = mvc.get().uri("/swagger-ui.html").exchange();
        assertThat(redirect).hasStatus3xxRedirection();
        assertThat(mvc.get().uri("/swagger-ui/index.html").exchange())
                .hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    private JsonNode schema(String name) {
        JsonNode schema = apiDocs.at("/components/schemas/" + name);
        assertThat(schema.isObject()).as(name).isTrue();
        return schema;
    }

    private JsonNode property(String schema, String name) {
        JsonNode property = schema(schema).at("/properties/" + name);
        assertThat(property.isObject()).as("%s.%s", schema, name).isTrue();
        return property;
    }

    /** Whether a property's schema allows JSON null: a "null" type, a null alternative, no type. */
    private static boolean admitsNull(JsonNode property) {
        if (property.has("oneOf")) {
            for (JsonNode alternative : property.get("oneOf")) {
                if (admitsNull(alternative)) {
                    return true;
                }
            }
            return false;
        }
        if (property.has("$ref")) {
            return false;
        }
        JsonNode type = property.get("type");
        if (type == null) {
            return true;
        }
        return type.isArray() ? strings(type).contains("null") : type.asString().equals("null");
    }

    private static List<String> references(JsonNode property) {
        List<String> references = new ArrayList<>();
        if (property.has("$ref")) {
            references.add(property.get("$ref").asString());
        }
        if (property.has("oneOf")) {
            property.get("oneOf")
                    .forEach(alternative -> references.addAll(references(alternative)));
        }
        return references;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(element -> strings.add(element.asString()));
        }
        return strings;
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
