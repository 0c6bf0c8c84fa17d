package dev.lossservice.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.OneHotRows;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answer of {@code POST /loss/nll}; shaped as {@link CrossEntropyResponse}. The gradient stays in
 * its compact form ({@link OneHotRows}) and is written as the same N x C number arrays a dense
 * matrix gives ({@link TensorJsonModule}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "loss",
    "lossUndefinedReason",
    "reduction",
    "lossSum",
    "denominator",
    "samples",
    "gradient",
    "gradientUndefinedReason"
})
public record NllResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS)
                @Schema(
                        description =
                                "The reduced loss; null for reduction none, and for mean when"
                                        + " denominator is 0 (see lossUndefinedReason).",
                        nullable = true,
                        requiredMode = Schema.RequiredMode.REQUIRED)
                Double loss,
        @Schema(description = "Present exactly when loss is null: why.") String lossUndefinedReason,
        @Schema(allowableValues = {"mean", "sum", "none"}) String reduction,
        @Schema(description = "Sum of the per-sample losses.") double lossSum,
        @Schema(
                        description =
                                "What mean divides by: the sum of target-class weights over"
                                        + " samples not ignored.")
                double denominator,
        @Schema(description = "Per-sample breakdown; left out with ?samples=false.")
                List<Sample> samples,
        @Schema(
                        description =
                                "d loss / d logProbabilities, N x C; left out with"
                                        + " ?gradient=false; null where PyTorch's is NaN.",
                        nullable = true)
                Optional<OneHotRows> gradient,
        @Schema(description = "Present exactly when gradient is null: why.")
                String gradientUndefinedReason) {

    /**
     * One sample.
     *
     * @param weight {@code w[target]}, 0 when ignored
     * @param loss {@code -w[target] * logProbabilities[index][target]}, 0 when ignored
     */
    @Schema(name = "NllSample")
    public record Sample(int index, int target, boolean ignored, double weight, double loss) {}

    static NllResponse of(
            NegativeLogLikelihood.Result result,
            int[] target,
            boolean withSamples,
            boolean withGradient) {
        Optional<OneHotRows> gradient =
                withGradient ? FiniteResults.gradient(result.gradient(), result.loss()) : null;
        List<Sample> samples = null;
        if (withSamples) {
            FiniteResults.requireFinite(result.sampleLosses(), "samples[].loss");
            samples =
                    new IndexedList<>(
                            target.length,
                            n ->
                                    new Sample(
                                            n,
                                            target[n],
                                            result.ignored()[n],
                                            result.sampleWeights()[n],
                                            result.sampleLosses()[n]));
        }
        return new NllResponse(
                FiniteResults.loss(result.loss()),
                FiniteResults.lossUndefinedReason(result.loss()),
                result.loss().reduction().name().toLowerCase(Locale.ROOT),
                result.loss().lossSum(),
                result.loss().denominator(),
                samples,
                gradient,
                FiniteResults.gradientUndefinedReason(gradient));
    }
}
