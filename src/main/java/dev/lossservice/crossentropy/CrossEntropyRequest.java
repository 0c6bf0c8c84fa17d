package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Reduction;
import dev.lossservice.request.CrossFieldRules;
import dev.lossservice.tensor.Tensor;
import dev.lossservice.tensor.TensorShape;
import dev.lossservice.tensor.ValueRule;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST /loss/cross-entropy}. Absent optional fields are null; {@link #options()}
 * fills in PyTorch's defaults.
 */
@CrossFieldRules(CrossEntropyRules.class)
@Schema(description = "Inputs of torch.nn.CrossEntropyLoss.")
public record CrossEntropyRequest(
        @NotNull(message = "is required: an N x C array of numbers")
                @TensorShape(minRank = 2, maxRank = 2)
                @Schema(description = "Unnormalised scores, number[N][C] with N >= 1 and C >= 1.")
                Tensor logits,
        @Schema(
                        description =
                                "Class index of each sample, in [0, C) or equal to ignoreIndex."
                                        + " Exactly one of target and targetProbabilities.")
                int[] target,
        @TensorShape(minRank = 2, maxRank = 2, warnUnless = ValueRule.UNIT_INTERVAL)
                @Schema(
                        description =
                                "Soft targets, number[N][C], each in [0, 1]; rows need not sum to"
                                        + " 1, as in PyTorch. Exactly one of target and"
                                        + " targetProbabilities.")
                Tensor targetProbabilities,
        @TensorShape(minRank = 1, maxRank = 1, warnUnless = ValueRule.NON_NEGATIVE)
                @Schema(description = "Class weights, number[C], each >= 0.")
                Tensor weight,
        @Schema(
                        description =
                                "Target value whose samples are skipped; only with target."
                                        + " PyTorch's default, -100, when absent.")
                Integer ignoreIndex,
        @DecimalMin(value = "0", message = "must be in [0, 1]")
                @DecimalMax(value = "1", message = "must be in [0, 1]")
                @Schema(
                        description =
                                "Label smoothing e: mixes the target with uniform 1/C. 0 when"
                                        + " absent.")
                Double labelSmoothing,
        @Schema(
                        description =
                                "mean (when absent) divides the loss sum by the total"
                                        + " target-class weight of the samples not ignored (by N"
                                        + " for targetProbabilities).")
                Reduction reduction) {

    /** The options as the core takes them, PyTorch's defaults for what is absent. */
    public CrossEntropy.Options options() {
        return new CrossEntropy.Options(
                weight == null ? null : weight.values(),
                ignoreIndex == null ? CrossEntropy.DEFAULT_IGNORE_INDEX : ignoreIndex,
                labelSmoothing == null ? 0.0 : labelSmoothing,
                reduction == null ? Reduction.MEAN : reduction);
    }
}
