package dev.lossservice.nll;

import dev.lossservice.core.Reduction;
import dev.lossservice.tensor.Elements;
import dev.lossservice.tensor.Rank;
import dev.lossservice.tensor.Tensor;
import dev.lossservice.tensor.ValueRule;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /loss/nll}. Absent optional fields are null. */
@ValidNllRequest
@Schema(description = "Inputs of torch.nn.NLLLoss.")
public record NllRequest(
        @NotNull(message = "is required: an N x C array of numbers")
                @Rank(min = 2, max = 2)
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
        @Rank(min = 1, max = 1)
                @Elements(ValueRule.NON_NEGATIVE)
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
                Reduction reduction) {}
