package dev.lossservice.softmax;

import dev.lossservice.request.CrossFieldRules;
import dev.lossservice.tensor.Tensor;
import dev.lossservice.tensor.TensorShape;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /softmax}. Absent optional fields are null. */
@CrossFieldRules(SoftmaxRules.class)
@Schema(description = "Row-wise softmax(logits / temperature), optionally with a backward pass.")
public record SoftmaxRequest(
        @NotNull(message = "is required: an N x C array of numbers")
                @TensorShape(minRank = 2, maxRank = 2)
                @Schema(description = "Scores, number[N][C].")
                Tensor logits,
        @DecimalMin(value = "0", inclusive = false, message = "must be > 0")
                @Schema(description = "T > 0: computes softmax(logits / T); 1 when absent.")
                Double temperature,
        @TensorShape(minRank = 2, maxRank = 2)
                @Schema(
                        description =
                                "g, number[N][C]: when given, the response holds the"
                                        + " vector-Jacobian product that probabilities.backward(g)"
                                        + " puts in logits.grad.")
                Tensor upstreamGradient) {

    /** The temperature, 1 when absent. */
    double temperatureOrDefault() {
        return temperature == null ? 1.0 : temperature;
    }
}
