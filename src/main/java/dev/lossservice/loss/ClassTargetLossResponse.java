package dev.lossservice.loss;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;

/**
 * The answer of a loss over class targets (cross-entropy, NLL), whose mean divides by the total
 * target weight: where that is 0 while some samples count, PyTorch's gradient is NaN, and the
 * answer says why its gradient is null.
 *
 * <p>The two endpoints differ only in their sample and gradient types, so the fields live here,
 * decided once from the core's {@link ReducedLoss} by {@link LossResults}; each endpoint's subclass
 * adds its {@code Sample} record and keeps its own schema name. A class rather than a record:
 * records cannot inherit components.
 *
 * @param <S> the endpoint's sample record
 * @param <G> the gradient's type, written by the tensor codec
 */
public abstract class ClassTargetLossResponse<S, G> implements LossResponse {

    private final Double loss;
    private final String lossUndefinedReason;
    private final String reduction;
    private final double lossSum;
    private final double denominator;
    private final List<S> samples;
    private final Optional<G> gradient;
    private final List<Warning> warnings;

    /**
     * @param samples the samples, or null when the client left them out
     * @param gradient the gradient from {@link LossResults#gradient}: empty where PyTorch's is NaN,
     *     null when the client left it out
     */
    protected ClassTargetLossResponse(ReducedLoss reduced, List<S> samples, Optional<G> gradient) {
        this(reduced, samples, gradient, null);
    }

    /**
     * @param warnings the answer's warnings, or null for none
     */
    protected ClassTargetLossResponse(
            ReducedLoss reduced, List<S> samples, Optional<G> gradient, List<Warning> warnings) {
        this.warnings = warnings;
        this.loss = LossResults.loss(reduced);
        this.lossUndefinedReason = LossResults.lossUndefinedReason(reduced);
        this.reduction = LossResults.reduction(reduced);
        this.lossSum = reduced.lossSum();
        this.denominator = reduced.denominator();
        this.samples = samples;
        this.gradient = gradient;
    }

    @Override
    public final Double loss() {
        return loss;
    }

    @Override
    public final String lossUndefinedReason() {
        return lossUndefinedReason;
    }

    @Override
    public final String reduction() {
        return reduction;
    }

    @Override
    public final double lossSum() {
        return lossSum;
    }

    @Override
    public final double denominator() {
        return denominator;
    }

    @Override
    public final List<S> samples() {
        return samples;
    }

    @JsonProperty
    @Schema(
            description =
                    "d loss / d input (the logits for cross-entropy, the logProbabilities for"
                            + " NLL), of the input's shape (of lossSum for reduction none, times"
                            + " upstreamGradient when given); left out with ?gradient=false; null"
                            + " where PyTorch's is NaN (see gradientUndefinedReason).",
            implementation = Tensor.class,
            nullable = true)
    public final Optional<G> gradient() {
        return gradient;
    }

    @Override
    public final List<Warning> warnings() {
        return warnings;
    }

    @JsonProperty
    @Schema(description = "Present exactly when gradient is null: why.")
    public final String gradientUndefinedReason() {
        return LossResults.gradientUndefinedReason(gradient);
    }
}
