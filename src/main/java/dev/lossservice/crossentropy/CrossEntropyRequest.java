package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Reduction;
import dev.lossservice.loss.ClassTargetRequest;
import dev.lossservice.loss.TensorRoles.ClassScores;
import dev.lossservice.loss.TensorRoles.ClassWeights;
import dev.lossservice.loss.TensorRoles.PerPosition;
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
                @ClassScores
                @Schema(
                        description =
                                "Unnormalised scores, as PyTorch lays them out: "
                                        + ClassScores.SHAPES)
                Tensor logits,
        @PerPosition @Schema(description = ClassTargetRequest.TARGET_DESCRIPTION + ONE_TARGET)
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
                                        + " warning); rows need not sum to 1."
                                        + ONE_TARGET)
                Tensor targetProbabilities,
        @ClassWeights @Schema(description = ClassWeights.DESCRIPTION) Tensor weight,
        @Schema(description = ClassTargetRequest.IGNORE_INDEX_DESCRIPTION + " Only with target.")
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
                                ClassTargetRequest.REDUCTION_DESCRIPTION
                                        + " With targetProbabilities, by N.")
                Reduction reduction,
        @PerPosition @Schema(description = ClassTargetRequest.UPSTREAM_GRADIENT_DESCRIPTION)
                Tensor upstreamGradient)
        implements ClassTargetRequest {

    /** Said of both targets: the request names its target one way. */
    private static final String ONE_TARGET = " Exactly one of target and targetProbabilities.";

    /** The options as the core takes them, PyTorch's defaults for what is absent. */
    public CrossEntropy.Options options() {
        return new CrossEntropy.Options(
                weightValues(),
                ignoreIndexOrDefault(),
                labelSmoothing == null ? 0.0 : labelSmoothing,
                reductionOrDefault());
    }
}
