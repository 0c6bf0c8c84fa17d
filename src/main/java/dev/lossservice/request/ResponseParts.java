package dev.lossservice.request;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The query parameters of a loss endpoint that shape its answer for large batches; both default to
 * true. Read by {@link ResponsePartsResolver} exactly as {@code @RequestParam(defaultValue =
 * "true") boolean} would read each.
 *
 * @param samples false leaves {@code samples} out of the response
 * @param gradient false leaves {@code gradient} out of the response
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
                boolean gradient) {}
