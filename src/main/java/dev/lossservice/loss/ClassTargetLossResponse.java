package dev.lossservice.loss;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer of a loss over class targets (cross-entropy, NLL), whose mean divides by the total
 * target weight: where that is 0 while some samples count, PyTorch's gradient is NaN, and the
 * answer says why its gradient is null.
 */
public interface ClassTargetLossResponse extends LossResponse {

    @Schema(description = "Present exactly when gradient is null: why.")
    String gradientUndefinedReason();
}
