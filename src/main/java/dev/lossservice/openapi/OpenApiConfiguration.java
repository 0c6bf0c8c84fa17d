package dev.lossservice.openapi;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.OneHotRows;
import dev.lossservice.core.Reduction;
import dev.lossservice.tensor.ClassIndices;
import dev.lossservice.tensor.NpzMessageConverter;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Encoding;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The OpenAPI document at {@code /v3/api-docs} (and Swagger UI at {@code /swagger-ui.html}): the
 * conventions of the service, tensors shown as the nested number arrays clients send rather than as
 * the Java types that hold them, and the problem-detail answers every operation can give.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String FIELD_PROBLEM_SCHEMA = "FieldProblem";
    static final String REDUCTION_SCHEMA = "Reduction";
    static final String STEP_SCHEMA = "ExplainStep";

    static final String MULTIPART = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE;
    static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    static final String NPZ = NpzMessageConverter.MEDIA_TYPE;

    private static final String NPY_PART =
            " As a multipart part: a NumPy .npy file (np.save; format 1.0 to 3.0, C or Fortran"
                    + " order) of dtype ";
    private static final String NPY_NUMBERS = "<f8, <f4, >f8 or >f4 (float64 or float32).";
    private static final String NPY_INTEGERS =
            "<i8, <i4, >i8, >i4, |i1, |u1 or |b1 (integers or bool).";

    /**
     * The documentation of each operation, by path, kept here so that a controller is only its
     * mapping and its call into the core. {@code examples} name request examples, one resource file
     * each under {@code openapi/examples/}; the first is what Swagger UI sends by default.
     */
    private record Endpoint(
            String tag, String summary, String description, Map<String, String> examples) {}

    static final Map<String, Endpoint> ENDPOINTS =
            Map.of(
                    "/loss/cross-entropy",
                    new Endpoint(
                            "losses",
                            "Cross-entropy of softmax(logits) against class indices or"
                                    + " probabilities",
                            "torch.nn.CrossEntropyLoss in double precision, with each sample's"
                                    + " loss and the gradient with respect to the logits.",
                            examples(
                                    "cross-entropy-seed",
                                    "The tutorial's example: loss 2.0373472850337726",
                                    "cross-entropy-probabilities",
                                    "Probability targets",
                                    "cross-entropy-label-smoothing",
                                    "Label smoothing, class weights, an ignored sample",
                                    "cross-entropy-segmentation",
                                    "Segmentation: logits 2 x 3 x 2 x 2 (N x C x H x W), target"
                                            + " 2 x 2 x 2, one position ignored",
                                    "cross-entropy-unbatched",
                                    "One unbatched sample: logits [C], target a single integer")),
                    "/loss/nll",
                    new Endpoint(
                            "losses",
                            "Negative log-likelihood of class indices under given"
                                    + " log-probabilities",
                            "torch.nn.NLLLoss in double precision, with each sample's loss and"
                                    + " the gradient with respect to the log-probabilities.",
                            examples(
                                    "nll",
                                    "Class weights",
                                    "nll-segmentation",
                                    "Segmentation: log-probabilities 2 x 3 x 2 x 2, target 2 x 2"
                                            + " x 2, class weights",
                                    "nll-unbatched",
                                    "One unbatched sample: log-probabilities [C], target a single"
                                            + " integer")),
                    "/loss/bce",
                    new Endpoint(
                            "losses",
                            "Binary cross-entropy on probabilities or on logits",
                            "torch.nn.BCELoss (probabilities) or torch.nn.BCEWithLogitsLoss"
                                    + " (logits) in double precision, with each sample's loss and"
                                    + " the gradient with respect to the input that was sent.",
                            examples(
                                    "bce-probabilities",
                                    "BCELoss on a 1-D batch",
                                    "bce-logits",
                                    "BCEWithLogitsLoss with posWeight",
                                    "bce-logits-1d",
                                    "BCEWithLogitsLoss on a 1-D batch: each sample's probabilities"
                                            + " is a number",
                                    "bce-sigmoid-multi-class",
                                    "Sigmoid multi-class recipe: targetClasses one-hot encoded",
                                    "bce-segmentation",
                                    "A 2 x 3 x 2 x 2 segmentation batch (N x C x H x W) with"
                                            + " per-channel weight and posWeight [C][1][1]",
                                    "bce-unbatched",
                                    "A 0-d input: one logit and its target as bare numbers")),
                    "/softmax",
                    new Endpoint(
                            "softmax",
                            "Softmax, log-softmax and log-sum-exp of logits / temperature",
                            "Along dim (default -1) of logits of any rank. With"
                                    + " upstreamGradient g, also the vector-Jacobian product that"
                                    + " probabilities.backward(g) puts in logits.grad; with"
                                    + " upstreamLogGradient, that of logProbabilities.backward(g).",
                            examples(
                                    "softmax",
                                    "Temperature 2 with an upstream gradient",
                                    "softmax-dim",
                                    "Along dim 1 of a 2 x 3 x 2 tensor, with the log_softmax"
                                            + " backward",
                                    "softmax-unbatched",
                                    "One unbatched vector of logits")));

    static {
        // Springdoc would otherwise describe these by their Java accessors. OneHotRows (the NLL
        // gradient) is written as the same N x C arrays as a Matrix. A Tensor's rank depends on
        // the field, so its items are left open (numbers or arrays) for generated clients to
        // carry as they are; each field's description gives its shape.
        SpringDocUtils.getConfig()
                .replaceWithSchema(Matrix.class, matrixSchema())
                .replaceWithSchema(OneHotRows.class, matrixSchema())
                .replaceWithSchema(
                        Tensor.class,
                        new ArraySchema()
                                .items(new Schema<>())
                                .description(
                                        "A tensor: nested arrays of numbers, batch first; the"
                                                + " field's description gives its shape."))
                .replaceWithSchema(
                        ClassIndices.class,
                        new Schema<>()
                                .types(new LinkedHashSet<>(List.of("integer", "array")))
                                .items(new Schema<>())
                                .description(
                                        "Class indices: an integer, or nested arrays of"
                                                + " integers; the field's description gives the"
                                                + " shape."))
                .replaceWithSchema(
                        Reduction.class,
                        new Schema<>().$ref("#/components/schemas/" + REDUCTION_SCHEMA));
    }

    private static final String DESCRIPTION =
            """
            Classification losses exactly as PyTorch defines them, in IEEE-754 double precision, \
            each with a per-sample breakdown and the analytic gradient.

            Conventions:
            - Tensors are rectangular nested JSON arrays, batch first: logits[n][c] is sample n, \
            class c. Every input number must be finite.
            - Logarithms are natural.
            - gradient is the gradient of the returned loss with respect to the named input: the \
            numbers PyTorch puts in input.grad after loss.backward(). For reduction "none" it is \
            the gradient of the sum of the per-sample losses.
            - reduction "mean" divides lossSum by denominator: the total target-class weight of \
            the samples not ignored for class-index targets, N for probability targets, the \
            element count for BCE. "sum" returns lossSum.
            - loss is null for reduction "none", and for "mean" over a denominator of 0 (where \
            PyTorch gives NaN); lossUndefinedReason says why. A gradient PyTorch would give as NaN \
            is null, with gradientUndefinedReason. No output is ever NaN or Infinity: results \
            that overflow are refused with 422.
            - ?samples=false leaves samples out, ?gradient=false leaves gradient out.
            - ?explain=true adds steps: the computation as the tutorial does it by hand, each \
            step {name, formula, numpy, value}, where numpy is one Python expression over np, the \
            request's fields and the earlier steps' names that reproduces value to 1e-12. Inputs \
            of more than loss-service.limits.max-explain-elements (10000) elements are answered \
            400 with explain.
            - NumPy transport: every operation also takes multipart/form-data, each tensor field a \
            part holding a NumPy .npy file (np.save; float64 or float32 for numbers, int64, int32, \
            int8, uint8 or bool for class indices) and each scalar field a text part, named as in \
            JSON. With Accept: application/x-npz the answer is a NumPy .npz archive (np.load), one \
            float64 array (int64 for integers) per numeric field; losses holds PyTorch's \
            reduction='none' output. Errors stay problem details.
            - Errors are RFC 9457 problem details (application/problem+json); problems with the \
            body list each field as a JSON Pointer in errors.""";

    @Bean
    OpenAPI lossServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("loss-service").version("1").description(DESCRIPTION))
                // Relative, so that the document is the same whatever Host a client used.
                .servers(List.of(new Server().url("/")));
    }

    /** The shared schemas, the examples, and the error answers of every operation. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            Components components = openApi.getComponents();
            components.addSchemas(FIELD_PROBLEM_SCHEMA, fieldProblemSchema());
            components.addSchemas(PROBLEM_SCHEMA, problemSchema());
            components.addSchemas(
                    REDUCTION_SCHEMA,
                    new StringSchema()
                            ._enum(List.of("mean", "sum", "none"))
                            .description(
                                    "How the per-sample losses are reduced, as PyTorch's"
                                            + " reduction; mean when absent."));
            openApi.getPaths().forEach((path, item) -> document(path, item, components));
            // Fields that take or give a tensor of any rank from 0: a bare number or nested
            // arrays, so any JSON value, which generated clients carry as it is. (The required
            // softmax logits stay an array in the document: a client sends a 0-d one as JSON.)
            openTensors(components, "BceRequest", BCE_TENSOR_FIELDS);
            // Class indices and upstream gradients: a bare number when unbatched, else arrays.
            // (An "integer or array" type becomes a wrapper class in a generated Java client
            // that decodes neither.) Their multipart parts, made above, keep integer dtypes.
            openTensors(components, "CrossEntropyRequest", List.of("target", "upstreamGradient"));
            openTensors(components, "NllRequest", List.of("target", "upstreamGradient"));
            openTensors(components, "BceResponse", List.of("gradient"));
            openTensors(
                    components,
                    "SoftmaxRequest",
                    List.of("upstreamGradient", "upstreamLogGradient"));
            openTensors(
                    components,
                    "SoftmaxResponse",
                    List.of(
                            "probabilities",
                            "logProbabilities",
                            "logSumExp",
                            "predictedClass",
                            "gradient"));
            components.getSchemas().values().forEach(OpenApiConfiguration::optionalNullable);
            // A sample's probabilities is a number for 1-D input and number[C] for 2-D: any JSON
            // value, so that generated clients decode both.
            Map<String, Schema> sample = components.getSchemas().get("BceSample").getProperties();
            sample.put(
                    "probabilities",
                    new Schema<>().description(sample.get("probabilities").getDescription()));
            // A step's value is a number (loss, lossSum) or nested arrays of any depth.
            Schema<?> step = components.getSchemas().get(STEP_SCHEMA);
            if (step != null) {
                step.getProperties()
                        .put(
                                "value",
                                new Schema<>()
                                        .description(
                                                "The step's value: a number, or nested arrays of"
                                                        + " numbers (the shape NumPy gives)."));
            }
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("400", "Malformed JSON, or a body that breaks the contract (see errors)");
            answers.put("413", "Request too large");
            answers.put("415", "Content-Type is neither application/json nor multipart/form-data");
            answers.put("422", "A result overflows double precision");
            answers.put("503", "Too many requests in progress; retry later");
            for (PathItem path : openApi.getPaths().values()) {
                for (Operation operation : path.readOperations()) {
                    answers.forEach(
                            (status, description) ->
                                    operation
                                            .getResponses()
                                            .addApiResponse(status, problemResponse(description)));
                }
            }
        };
    }

    /** Gives the operation at {@code path} its documentation and its examples. */
    private static void document(String path, PathItem item, Components components) {
        Endpoint endpoint = ENDPOINTS.get(path);
        if (endpoint == null) {
            return;
        }
        for (Operation operation : item.readOperations()) {
            operation
                    .tags(List.of(endpoint.tag()))
                    .summary(endpoint.summary())
                    .description(endpoint.description());
            Content content = operation.getRequestBody().getContent();
            io.swagger.v3.oas.models.media.MediaType json = content.get(JSON);
            endpoint.examples()
                    .forEach(
                            (name, summary) -> {
                                components.addExamples(
                                        name, new Example().summary(summary).value(example(name)));
                                json.addExamples(
                                        name, new Example().$ref("#/components/examples/" + name));
                            });
            // JSON first, in the request and in the answer: generated clients take the first.
            Content request = new Content().addMediaType(JSON, json);
            request.addMediaType(MULTIPART, multipart(components, json.getSchema()));
            operation.getRequestBody().setContent(request);
            ApiResponse ok = operation.getResponses().get("200");
            Content answer = new Content().addMediaType(JSON, ok.getContent().get(JSON));
            answer.addMediaType(
                    NPZ,
                    new io.swagger.v3.oas.models.media.MediaType()
                            .schema(
                                    binary(
                                            "A NumPy .npz archive (np.load), sent for Accept:"
                                                    + " application/x-npz: one float64 array"
                                                    + " (int64 for integers) per numeric field of"
                                                    + " the JSON answer, under the same name;"
                                                    + " losses is PyTorch's reduction='none'"
                                                    + " output. A field that JSON leaves out or"
                                                    + " gives as null has no array.")));
            ok.setContent(answer);
        }
    }

    /**
     * The multipart form of a request: the JSON request's fields and constraints, each tensor (an
     * array in JSON) a file part holding a NumPy {@code .npy} file, so that Swagger UI offers a
     * file upload for it, each scalar a text part.
     */
    private static io.swagger.v3.oas.models.media.MediaType multipart(
            Components components, Schema<?> jsonSchema) {
        Schema<?> request =
                components
                        .getSchemas()
                        .get(jsonSchema.get$ref().replace("#/components/schemas/", ""));
        ObjectSchema form = new ObjectSchema();
        form.description(
                "The fields of the JSON request, each a part named as the field: a tensor as a"
                        + " NumPy .npy file, a scalar as text.");
        io.swagger.v3.oas.models.media.MediaType media =
                new io.swagger.v3.oas.models.media.MediaType().schema(form);
        request.getProperties()
                .forEach(
                        (name, property) -> {
                            if (isArray(property)) {
                                // integer[] (targetClasses), or class indices of any rank
                                // (an integer or nested arrays of them).
                                boolean integers =
                                        isInteger(property)
                                                || (property.getItems() != null
                                                        && isInteger(property.getItems()));
                                form.addProperty(
                                        name,
                                        binary(
                                                property.getDescription()
                                                        + NPY_PART
                                                        + (integers ? NPY_INTEGERS : NPY_NUMBERS)));
                                media.addEncoding(
                                        name,
                                        new Encoding().contentType("application/octet-stream"));
                            } else {
                                form.addProperty(name, textPart(name, property));
                            }
                        });
        form.setRequired(request.getRequired());
        return media;
    }

    /**
     * PyTorch's value of each optional scalar, what the service uses when the field is absent:
     * shown as the default of a text part, so that Swagger UI fills its form with them rather than
     * with sample values (0 for an integer, a bound for a bounded number) that it would send. The
     * JSON schema has no defaults: a generated client would send them.
     */
    private static final Map<String, Object> TEXT_DEFAULTS =
            Map.of(
                    "ignoreIndex",
                    CrossEntropy.DEFAULT_IGNORE_INDEX,
                    "labelSmoothing",
                    0,
                    "reduction",
                    "mean",
                    "temperature",
                    1);

    /** A scalar field as a text part: the JSON field's schema, a copy, with its default. */
    private static Schema<?> textPart(String name, Schema<?> property) {
        Schema<Object> part = new Schema<>();
        if (property.get$ref() != null) {
            part.$ref(property.get$ref());
        } else {
            part.setType(property.getType());
            part.setTypes(
                    property.getTypes() == null ? null : new LinkedHashSet<>(property.getTypes()));
            part.setFormat(property.getFormat());
            part.setMinimum(property.getMinimum());
            part.setMaximum(property.getMaximum());
            part.setExclusiveMinimumValue(property.getExclusiveMinimumValue());
            part.setExclusiveMaximumValue(property.getExclusiveMaximumValue());
            part.setExclusiveMinimum(property.getExclusiveMinimum());
            part.setExclusiveMaximum(property.getExclusiveMaximum());
        }
        part.setDescription(property.getDescription());
        part.setDefault(TEXT_DEFAULTS.get(name));
        return part;
    }

    private static boolean isArray(Schema<?> schema) {
        return "array".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("array"));
    }

    private static boolean isInteger(Schema<?> schema) {
        return "integer".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("integer"));
    }

    /** Bytes: a file upload in Swagger UI, in the ways OpenAPI 3.0 and 3.1 each say it. */
    private static Schema<?> binary(String description) {
        return new StringSchema()
                .format("binary")
                .contentMediaType("application/octet-stream")
                .description(description);
    }

    /** The text of an example file, as the JSON value the document shows. */
    static String exampleText(String name) {
        try (InputStream in =
                new ClassPathResource("openapi/examples/" + name + ".json").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("no example " + name, e);
        }
    }

    private static Object example(String name) {
        try {
            return Json.mapper().readTree(exampleText(name));
        } catch (IOException e) {
            throw new UncheckedIOException("example " + name + " is not JSON", e);
        }
    }

    /** Example names and summaries, in order: name, summary, name, summary ... */
    private static Map<String, String> examples(String... namesAndSummaries) {
        Map<String, String> examples = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSummaries.length; i += 2) {
            examples.put(namesAndSummaries[i], namesAndSummaries[i + 1]);
        }
        return examples;
    }

    /**
     * Makes every property that a body may leave out nullable: generated clients then keep an unset
     * field apart from an empty array or a default, and send nothing for it (a Java client would
     * otherwise send {@code []} for every optional array, which the service refuses). The service
     * reads a null field as an absent one. A property without a type (any JSON value) admits null
     * already.
     */
    private static void optionalNullable(Schema<?> schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        properties.replaceAll(
                (name, property) -> required.contains(name) ? property : nullable(property));
    }

    private static final List<String> BCE_TENSOR_FIELDS =
            List.of("probabilities", "logits", "target", "weight", "posWeight", "upstreamGradient");

    /** Leaves the type of each named property open, keeping its description. */
    private static void openTensors(Components components, String schema, List<String> names) {
        Map<String, Schema> properties = components.getSchemas().get(schema).getProperties();
        for (String name : names) {
            properties.put(name, new Schema<>().description(properties.get(name).getDescription()));
        }
    }

    private static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() != null) {
            // A reference takes no type of its own: null is the other alternative.
            return new Schema<>()
                    .oneOf(
                            List.of(
                                    new Schema<>().$ref(property.get$ref()),
                                    new Schema<>().types(Set.of("null"))))
                    .description(property.getDescription());
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        if (!types.isEmpty()) {
            types.add("null");
            property.setTypes(types);
        }
        return property;
    }

    private static ApiResponse problemResponse(String description) {
        Schema<?> reference = new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA);
        return new ApiResponse()
                .description(description)
                .content(
                        new Content()
                                .addMediaType(
                                        "application/problem+json",
                                        new io.swagger.v3.oas.models.media.MediaType()
                                                .schema(reference)));
    }

    private static Schema<?> fieldProblemSchema() {
        return new ObjectSchema()
                .description("One problem with one place of the request body")
                .addProperty(
                        "pointer",
                        new StringSchema()
                                .description(
                                        "JSON Pointer into the request body, e.g. /logits/0/2;"
                                                + " empty for the body as a whole"))
                .addProperty("detail", new StringSchema().description("What is wrong there"))
                .required(List.of("pointer", "detail"));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem detail")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty(
                        "instance",
                        new StringSchema().format("uri-reference").description("The request path"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(
                                        new Schema<>()
                                                .$ref(
                                                        "#/components/schemas/"
                                                                + FIELD_PROBLEM_SCHEMA))
                                .description("Problems with places of the request body"))
                .required(List.of("type", "title", "status", "detail"));
    }

    private static Schema<?> matrixSchema() {
        return new ArraySchema()
                .items(new ArraySchema().items(new NumberSchema().format("double")))
                .description("number[N][C]: an array of N rows of C numbers each");
    }
}
