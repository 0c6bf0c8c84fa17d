package dev.lossservice.softmax;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.Softmax;
import dev.lossservice.explain.Step;
import dev.lossservice.loss.LossResponse;
import dev.lossservice.loss.LossResults;
import dev.lossservice.tensor.NpzWriter;
import dev.lossservice.tensor.NumpyArrays;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** Answer of {@code POST /softmax}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "probabilities",
    "logProbabilities",
    "logSumExp",
    "predictedClass",
    "gradient",
    "steps"
})
public record SoftmaxResponse(
        @Schema(
                        description = "softmax(logits / T), number[N][C].",
                        requiredMode = RequiredMode.REQUIRED)
                Matrix probabilities,
        @Schema(
                        description = "log_softmax(logits / T), number[N][C].",
                        requiredMode = RequiredMode.REQUIRED)
                Matrix logProbabilities,
        @Schema(
                        description = "logsumexp(logits[n] / T) of each row.",
                        requiredMode = RequiredMode.REQUIRED)
                double[] logSumExp,
        @Schema(
                        description = "First index of each row's maximum, as torch.argmax.",
                        requiredMode = RequiredMode.REQUIRED)
                int[] predictedClass,
        @Schema(
                        description =
                                "Only with upstreamGradient g: what probabilities.backward(g)"
                                        + " puts in logits.grad, N x C; left out with"
                                        + " ?gradient=false.")
                Matrix gradient,
        @Schema(description = LossResponse.STEPS_DESCRIPTION) List<Step> steps)
        implements NumpyArrays {

    /**
     * As {@code .npz}: {@code probabilities} and {@code logProbabilities} ([N, C]), {@code
     * logSumExp} ([N]), {@code predictedClass} ([N], {@code <i8}), {@code gradient} when present.
     */
    @Override
    public void writeArrays(NpzWriter npz) {
        npz.matrix("probabilities", probabilities);
        npz.matrix("logProbabilities", logProbabilities);
        npz.doubles("logSumExp", logSumExp, logSumExp.length);
        npz.integers("predictedClass", predictedClass, predictedClass.length);
        if (gradient != null) {
            npz.matrix("gradient", gradient);
        }
    }

    /**
     * @param gradient the vector-Jacobian product, or null when there is none to return
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    static SoftmaxResponse of(Softmax.Result result, Matrix gradient, List<Step> steps) {
        // Finite logits over a tiny temperature can overflow logits / T.
        LossResults.requireFinite(result.probabilities(), "probabilities");
        LossResults.requireFinite(result.logProbabilities(), "logProbabilities");
        LossResults.requireFinite(result.logSumExp(), "logSumExp");
        if (gradient != null) {
            LossResults.requireFinite(gradient, "gradient");
        }
        return new SoftmaxResponse(
                result.probabilities(),
                result.logProbabilities(),
                result.logSumExp(),
                result.predictedClass(),
                gradient,
                steps);
    }
}
