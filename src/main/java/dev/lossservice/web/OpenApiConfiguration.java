package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.OneHotRows;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (and Swagger UI at {@code /swagger-ui.html}): the
 * conventions of the service, tensors shown as the nested number arrays clients send rather than as
 * the Java types that hold them, and the problem-detail answers every operation can give.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM_SCHEMA = "Problem";

    static {
        // Springdoc would otherwise describe Matrix, OneHotRows and Tensor by their Java accessors;
        // OneHotRows (the NLL gradient) is written as the same N x C arrays as a Matrix.
        SpringDocUtils.getConfig()
                .replaceWithSchema(Matrix.class, matrixSchema())
                .replaceWithSchema(OneHotRows.class, matrixSchema())
                .replaceWithSchema(Tensor.class, tensorSchema());
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
            - Errors are RFC 9457 problem details (application/problem+json); problems with the \
            body list each field as a JSON Pointer in errors.""";

    @Bean
    OpenAPI lossServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("loss-service").version("1").description(DESCRIPTION));
    }

    /** Adds the problem-detail schema and the error answers to every operation. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("400", "Malformed JSON, or a body that breaks the contract (see errors)");
            answers.put("413", "Request too large");
            answers.put("415", "Content-Type is not application/json");
            answers.put("422", "A result overflows double precision");
            answers.put("503", "Too many requests in progress; retry later");
            openApi.getPaths()
                    .values()
                    .forEach(
                            path ->
                                    path.readOperations()
                                            .forEach(
                                                    operation ->
                                                            answers.forEach(
                                                                    (status, description) ->
                                                                            operation
                                                                                    .getResponses()
                                                                                    .addApiResponse(
                                                                                            status,
                                                                                            problemResponse(
                                                                                                    description)))));
        };
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

    private static Schema<?> problemSchema() {
        Schema<?> fieldProblem =
                new ObjectSchema()
                        .addProperty(
                                "pointer",
                                new StringSchema()
                                        .description(
                                                "JSON Pointer into the request body, e.g."
                                                        + " /logits/0/2"))
                        .addProperty("detail", new StringSchema().description("What is wrong"));
        return new ObjectSchema()
                .description("RFC 9457 problem detail")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(fieldProblem)
                                .description("Problems with fields of the request body"))
                .required(List.of("type", "title", "status", "detail", "instance"));
    }

    private static Schema<?> numberArray() {
        return new ArraySchema().items(new NumberSchema().format("double"));
    }

    private static Schema<?> matrixSchema() {
        return new ArraySchema()
                .items(numberArray())
                .description("N x C: an array of N rows of C numbers each");
    }

    private static Schema<?> tensorSchema() {
        Schema<?> schema = new Schema<>();
        schema.oneOf(List.of(numberArray(), matrixSchema()));
        return schema.description("number[N] or number[N][C], as the field says");
    }
}
