package dev.lossservice.loss;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * An input that PyTorch accepts, and so the service, but that is probably a mistake: answered with
 * PyTorch's number and this note, so that a learner sees why the number is strange.
 *
 * @param pointer the JSON Pointer of the first offending position, e.g. {@code /target/0/3}
 * @param detail what is odd there and what it does to the result
 */
@Schema(name = "Warning")
public record Warning(
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "/targetProbabilities/0/2")
                String pointer,
        @Schema(requiredMode = RequiredMode.REQUIRED) String detail) {}
