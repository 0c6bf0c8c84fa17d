package dev.lossservice.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.Softmax;
import io.swagger.v3.oas.annotations.media.Schema;

/** Answer of {@code POST /softmax}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"probabilities", "logProbabilities", "logSumExp", "predictedClass", "gradient"})
public record SoftmaxResponse(
        @Schema(description = "softmax(logits / T), N x C.") Matrix probabilities,
        @Schema(description = "log_softmax(logits / T), N x C.") Matrix logProbabilities,
        @Schema(description = "logsumexp(logits[n] / T) of each row.") double[] logSumExp,
        @Schema(description = "First index of each row's maximum, as torch.argmax.")
                int[] predictedClass,
        @Schema(
                        description =
                                "Only with upstreamGradient g: what probabilities.backward(g)"
                                        + " puts in logits.grad, N x C; left out with"
                                        + " ?gradient=false.")
                Matrix gradient) {

    static SoftmaxResponse of(Softmax.Result result, Matrix gradient) {
        // Finite logits over a tiny temperature can overflow logits / T.
        FiniteResults.requireFinite(result.probabilities(), "probabilities");
        FiniteResults.requireFinite(result.logProbabilities(), "logProbabilities");
        FiniteResults.requireFinite(result.logSumExp(), "logSumExp");
        if (gradient != null) {
            FiniteResults.requireFinite(gradient, "gradient");
        }
        return new SoftmaxResponse(
                result.probabilities(),
                result.logProbabilities(),
                result.logSumExp(),
                result.predictedClass(),
                gradient);
    }
}
