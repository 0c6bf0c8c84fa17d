package dev.lossservice.nll;

import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.Reduction;
import dev.lossservice.loss.ClassTargetRequest;
import dev.lossservice.loss.TensorRoles.ClassScores;
import dev.lossservice.loss.TensorRoles.ClassWeights;
import dev.lossservice.loss.TensorRoles.PerPosition;
import dev.lossservice.request.CrossFieldRules;
import dev.lossservice.tensor.ClassIndices;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /loss/nll}. Absent optional fields are null. */
@CrossFieldRules(NllRules.class)
@Schema(description = "Inputs of torch.nn.NLLLoss.")
public record NllRequest(
        @NotNull(message = "is required: an N x C array of numbers")
                @ClassScores
                @Schema(
                        description =
                                "Log-probabilities: "
                                        + ClassScores.SHAPES
                                        + " Any finite values, as PyTorch does not check"
                                        + " normalisation.")
                Tensor logProbabilities,
        @NotNull(message = "is required: an array of N class indices")
                @PerPosition
                @Schema(description = ClassTargetRequest.TARGET_DESCRIPTION)
                ClassIndices target,
        @ClassWeights @Schema(description = ClassWeights.DESCRIPTION) Tensor weight,
        @Schema(description = ClassTargetRequest.IGNORE_INDEX_DESCRIPTION) Integer ignoreIndex,
        @Schema(description = ClassTargetRequest.REDUCTION_DESCRIPTION) Reduction reduction,
        @PerPosition @Schema(description = ClassTargetRequest.UPSTREAM_GRADIENT_DESCRIPTION)
                Tensor upstreamGradient)
        implements ClassTargetRequest {

    /** The options as the core takes them, PyTorch's defaults for what is absent. */
    public NegativeLogLikelihood.Options options() {
        return new NegativeLogLikelihood.Options(
                weightValues(), ignoreIndexOrDefault(), reductionOrDefault());
    }
}
