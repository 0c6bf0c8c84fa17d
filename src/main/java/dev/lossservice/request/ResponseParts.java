package dev.lossservice.request;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The query parameters of a loss endpoint that shape its answer: {@code samples} and {@code
 * gradient} (default true) leave parts out for large batches, {@code explain} (default false) adds
 * the steps of the computation. Read by {@link ResponsePartsResolver} exactly as
 * {@code @RequestParam(defaultValue = ...) boolean} would read each.
 *
 * @param samples false leaves {@code samples} out of the response
 * @param gradient false leaves {@code gradient} out of the response
 * @param explain true adds {@code steps}: the computation step by step, each with a NumPy
 *     expression that reproduces it
 */
@ParameterObject
public record ResponseParts(
        @Parameter(
                        in = ParameterIn.QUERY,
                        description = "false leaves samples out of the response",
                        schema = @Schema(type = "boolean", defaultValue = "true"))
                boolean samples,
        @Parameter(
                        in = ParameterIn.QUERY,
                        description = "false leaves gradient out of the response",
                        schema = @Schema(type = "boolean", defaultValue = "true"))
                boolean gradient,
        @Parameter(
                        in = ParameterIn.QUERY,
                        description = EXPLAIN_DESCRIPTION,
                        schema = @Schema(type = "boolean", defaultValue = "false"))
                boolean explain) {

    /** The documentation of the {@code explain} query parameter, on every endpoint. */
    public static final String EXPLAIN_DESCRIPTION =
            "true adds steps: the computation as the tutorial does it by hand, each step with a"
                    + " NumPy expression over the request's fields and the earlier steps that"
                    + " reproduces its value. Only for inputs of at most"
                    + " loss-service.limits.max-explain-elements (10000 by default) elements;"
                    + " larger ones are answered 400.";
}
