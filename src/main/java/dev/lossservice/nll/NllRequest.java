package dev.lossservice.nll;

import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.Reduction;
import dev.lossservice.loss.ClassTargetRequest;
import dev.lossservice.request.CrossFieldRules;
import dev.lossservice.tensor.ClassIndices;
import dev.lossservice.tensor.Tensor;
import dev.lossservice.tensor.TensorShape;
import dev.lossservice.tensor.ValueRule;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /loss/nll}. Absent optional fields are null. */
@CrossFieldRules(NllRules.class)
@Schema(description = "Inputs of torch.nn.NLLLoss.")
public record NllRequest(
        @NotNull(message = "is required: an N x C array of numbers")
                @TensorShape(minRank = 1, maxRank = TensorShape.RANK_LIMIT, emptyBatch = true)
                @Schema(
                        description =
                                "Log-probabilities: number[N][C], number[C] for one unbatched"
                                        + " sample, or number[N][C][d1]...[dk] (classes in"
                                        + " dimension 1, up to rank 8); [] is a batch of 0. Any"
                                        + " finite values, as PyTorch does not check"
                                        + " normalisation.")
                Tensor logProbabilities,
        @NotNull(message = "is required: an array of N class indices")
                @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT - 1, emptyBatch = true)
                @Schema(
                        description =
                                "Class index of each position, in [0, C) or equal to"
                                        + " ignoreIndex: integer[N], integer[N][d1]...[dk], or a"
                                        + " single integer for unbatched input [C].")
                ClassIndices target,
        @TensorShape(minRank = 1, maxRank = 1, warnUnless = ValueRule.NON_NEGATIVE)
                @Schema(description = ClassTargetRequest.WEIGHT_DESCRIPTION)
                Tensor weight,
        @Schema(
                        description =
                                "Target value whose samples are skipped. PyTorch's default, -100,"
                                        + " when absent.")
                Integer ignoreIndex,
        @Schema(
                        description =
                                "mean (when absent) divides the loss sum by the total"
                                        + " target-class weight of the samples not ignored.")
                Reduction reduction,
        @TensorShape(minRank = 0, maxRank = TensorShape.RANK_LIMIT - 1, emptyBatch = true)
                @Schema(
                        description =
                                "The gradient flowing into the loss: with reduction none, a"
                                        + " tensor of the per-position losses' shape ([N],"
                                        + " [N][d1]...[dk], a number when unbatched); with mean or"
                                        + " sum a number. 1 when absent.",
                        types = {"number", "array"})
                Tensor upstreamGradient)
        implements ClassTargetRequest {

    /** The options as the core takes them, PyTorch's defaults for what is absent. */
    public NegativeLogLikelihood.Options options() {
        return new NegativeLogLikelihood.Options(
                weightValues(), ignoreIndexOrDefault(), reductionOrDefault());
    }
}
