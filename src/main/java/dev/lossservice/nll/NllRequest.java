package dev.lossservice.nll;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.Reduction;
import dev.lossservice.request.CrossFieldRules;
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
                @TensorShape(minRank = 2, maxRank = 2)
                @Schema(
                        description =
                                "Log-probabilities, number[N][C]; any finite values, as PyTorch"
                                        + " does not check normalisation.")
                Tensor logProbabilities,
        @NotNull(message = "is required: an array of N class indices")
                @Schema(
                        description =
                                "Class index of each sample, in [0, C) or equal to ignoreIndex.")
                int[] target,
        @TensorShape(minRank = 1, maxRank = 1, warnUnless = ValueRule.NON_NEGATIVE)
                @Schema(description = "Class weights, number[C], each >= 0.")
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
                Reduction reduction) {

    /** The options as the core takes them, PyTorch's defaults for what is absent. */
    public NegativeLogLikelihood.Options options() {
        return new NegativeLogLikelihood.Options(
                weight == null ? null : weight.values(),
                ignoreIndex == null ? CrossEntropy.DEFAULT_IGNORE_INDEX : ignoreIndex,
                reduction == null ? Reduction.MEAN : reduction);
    }
}
