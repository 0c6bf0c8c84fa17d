package dev.lossservice.softmax;

import dev.lossservice.loss.TensorRoles.AnyShape;
import dev.lossservice.request.CrossFieldRules;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /softmax}. Absent optional fields are null. */
@CrossFieldRules(SoftmaxRules.class)
@Schema(
        description =
                "softmax(logits / temperature) along dim, optionally with a backward pass through"
                        + " the probabilities or the log-probabilities.")
public record SoftmaxRequest(
        @NotNull(message = "is required: a tensor of numbers, e.g. an N x C array")
                @AnyShape
                @Schema(
                        description =
                                "Scores of any rank, e.g. number[N][C]; a bare number is a 0-d"
                                        + " tensor.")
                Tensor logits,
        @Schema(
                        description =
                                "The dimension normalised over; negative counts from the end. -1"
                                        + " (the last) when absent.")
                Integer dim,
        @DecimalMin(value = "0", inclusive = false, message = "must be > 0")
                @Schema(description = "T > 0: computes softmax(logits / T); 1 when absent.")
                Double temperature,
        @AnyShape
                @Schema(
                        description =
                                "g, the logits' shape: when given, the response holds the"
                                        + " vector-Jacobian product that probabilities.backward(g)"
                                        + " puts in logits.grad. At most one of upstreamGradient"
                                        + " and upstreamLogGradient.")
                Tensor upstreamGradient,
        @AnyShape
                @Schema(
                        description =
                                "g, the logits' shape: when given, the response holds what"
                                        + " logProbabilities.backward(g) puts in logits.grad"
                                        + " (log_softmax backward).")
                Tensor upstreamLogGradient) {

    /**
     * The gradient sent for the backward pass, through the probabilities ({@code upstreamGradient})
     * or the log-probabilities ({@code upstreamLogGradient}); null for none.
     */
    Tensor upstream() {
        return upstreamGradient != null ? upstreamGradient : upstreamLogGradient;
    }

    /** The temperature, 1 when absent. */
    double temperatureOrDefault() {
        return temperature == null ? 1.0 : temperature;
    }

    /** The dimension as sent, -1 when absent. */
    int dimOrDefault() {
        return dim == null ? -1 : dim;
    }
}
