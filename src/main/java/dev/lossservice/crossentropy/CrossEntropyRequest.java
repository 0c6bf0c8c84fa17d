package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Reduction;
import dev.lossservice.loss.ClassTargetRequest;
import dev.lossservice.request.CrossFieldRules;
import dev.lossservice.tensor.ClassIndices;
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
                @TensorShape(minRank = 1, maxRank = TensorShape.RANK_LIMIT, emptyBatch = true)
                @Schema(
                        description =
                                "Unnormalised scores: number[N][C] (C >= 1), number[C] for one"
                                        + " unbatched sample, or number[N][C][d1]...[dk] (classes"
                                        + " in dimension 1, up to rank 8), as PyTorch; [] is a"
                                        + " batch of 0.")
                Tensor logits,
        @Schema(
                        description =
                                "Class index of each position, in [0, C) or equal to"
                                        + " ignoreIndex: integer[N], integer[N][d1]...[dk] for"
                                        + " logits [N][C][d1]...[dk], or a single integer for"
                                        + " unbatched logits [C]. Exactly one of target and"
                                        + " targetProbabilities.")
                @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT - 1, emptyBatch = true)
                ClassIndices target,
        @TensorShape(
                        minRank = 1,
                        maxRank = TensorShape.RANK_LIMIT,
                        emptyBatch = true,
                        warnUnless = ValueRule.UNIT_INTERVAL)
                @Schema(
                        description =
                                "Soft targets of the logits' shape, each expected in [0, 1] (others"
                                        + " are computed with, as PyTorch does, and answered with a"
                                        + " warning); rows need not sum to 1. Exactly one of"
                                        + " target and targetProbabilities.")
                Tensor targetProbabilities,
        @TensorShape(minRank = 1, maxRank = 1, warnUnless = ValueRule.NON_NEGATIVE)
                @Schema(description = ClassTargetRequest.WEIGHT_DESCRIPTION)
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
                Reduction reduction,
        @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT - 1, emptyBatch = true)
                @Schema(
                        description =
                                "The gradient flowing into the loss: with reduction none, a"
                                        + " tensor of the per-position losses' shape ([N],"
                                        + " [N][d1]...[dk], a number when unbatched), giving"
                                        + " losses.backward(upstreamGradient); with mean or sum a"
                                        + " number, giving loss.backward(upstreamGradient). 1 when"
                                        + " absent.",
                        types = {"number", "array"})
                Tensor upstreamGradient)
        implements ClassTargetRequest {

    /** The options as the core takes them, PyTorch's defaults for what is absent. */
    public CrossEntropy.Options options() {
        return new CrossEntropy.Options(
                weightValues(),
                ignoreIndexOrDefault(),
                labelSmoothing == null ? 0.0 : labelSmoothing,
                reductionOrDefault());
    }
}
