package dev.lossservice.loss;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lossservice.core.OneHotRows;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.explain.Step;
import dev.lossservice.tensor.NpzWriter;
import dev.lossservice.tensor.NumpyArrays;
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
 * @param <G> the gradient's type, written by the tensor codec: a {@link Tensor}, or NLL's compact
 *     {@link OneHotRows}
 */
public abstract class ClassTargetLossResponse<S extends LossSample, G>
        implements LossResponse, NumpyArrays {

    /** The documentation of each sample's {@code position}, the same for both endpoints. */
    protected static final String POSITION_DESCRIPTION =
            "The position's coordinates [n, d1, ..., dk] ([] for an unbatched input); absent for an"
                    + " N x C input.";

    private final Double loss;
    private final String lossUndefinedReason;
    private final String reduction;
    private final double lossSum;
    private final double denominator;
    private final List<S> samples;
    private final double[] sampleLosses;
    private final Optional<G> gradient;
    private final int[] lossShape;
    private final List<Warning> warnings;
    private final List<Step> steps;

    /**
     * @param lossShape the shape of the per-position losses ({@code []} unbatched, {@code [N, d1,
     *     ..., dk]})
     * @param samples the samples, or null when the client left them out
     * @param sampleLosses each sample's loss, row-major, when there are samples: the {@code .npz}
     *     answer writes them without making each sample (a cross-entropy sample copies its
     *     probabilities)
     * @param gradient the gradient from {@link LossResults#gradient}: empty where PyTorch's is NaN,
     *     null when the client left it out
     * @param warnings the answer's warnings, or null for none
     * @param steps the explained computation, or null unless the client asked for it
     */
    protected ClassTargetLossResponse(
            ReducedLoss reduced,
            int[] lossShape,
            List<S> samples,
            double[] sampleLosses,
            Optional<G> gradient,
            List<Warning> warnings,
            List<Step> steps) {
        this.lossShape = lossShape;
        this.warnings = warnings;
        this.loss = LossResults.loss(reduced);
        this.lossUndefinedReason = LossResults.lossUndefinedReason(reduced);
        this.reduction = LossResults.reduction(reduced);
        this.lossSum = reduced.lossSum();
        this.denominator = reduced.denominator();
        this.samples = samples;
        this.sampleLosses = samples == null ? null : sampleLosses;
        this.gradient = gradient;
        this.steps = steps;
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

    @JsonProperty
    @Schema(description = STEPS_DESCRIPTION)
    public final List<Step> steps() {
        return steps;
    }

    /**
     * As {@code .npz}: {@code loss} (0-d, absent where null), {@code lossSum}, {@code denominator},
     * with the samples {@code losses} (each position's loss, shaped like the positions), and {@code
     * gradient} (dense, of the input's shape).
     */
    @Override
    public final void writeArrays(NpzWriter npz) {
        if (loss != null) {
            npz.scalar("loss", loss);
        }
        npz.scalar("lossSum", lossSum);
        npz.scalar("denominator", denominator);
        if (sampleLosses != null) {
            npz.doubles("losses", sampleLosses, lossShape);
        }
        if (gradient != null && gradient.isPresent()) {
            if (gradient.get() instanceof OneHotRows rows) {
                npz.matrix("gradient", rows);
            } else {
                npz.tensor("gradient", (Tensor) gradient.get());
            }
        }
    }
}
