package dev.lossservice.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answer of {@code POST /loss/cross-entropy}. {@code samples} and {@code gradient} are left out
 * (not null) when the client asked so; {@code gradient} is null, with a reason, where PyTorch's is
 * NaN.
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
public record CrossEntropyResponse(
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
                                        + " samples not ignored (N for targetProbabilities).")
                double denominator,
        @Schema(description = "Per-sample breakdown; left out with ?samples=false.")
                List<Sample> samples,
        @Schema(
                        description =
                                "d loss / d logits, N x C (of lossSum for reduction none); left"
                                        + " out with ?gradient=false; null where PyTorch's is NaN"
                                        + " (see gradientUndefinedReason).",
                        nullable = true)
                Optional<Matrix> gradient,
        @Schema(description = "Present exactly when gradient is null: why.")
                String gradientUndefinedReason) {

    /**
     * One sample.
     *
     * @param target the class index, null for probability targets
     * @param weight {@code w[target]} (0 when ignored); 1 for probability targets
     * @param loss PyTorch's {@code reduction='none'} value; 0 when ignored
     * @param targetProbability {@code probabilities[target]}, null for probability targets and for
     *     ignored samples
     */
    @Schema(name = "CrossEntropySample")
    public record Sample(
            int index,
            @Schema(nullable = true) Integer target,
            boolean ignored,
            double weight,
            double loss,
            @Schema(description = "softmax(logits[index])") double[] probabilities,
            @Schema(nullable = true) Double targetProbability,
            int predictedClass) {}

    static CrossEntropyResponse of(
            CrossEntropy.Result result, int[] target, boolean withSamples, boolean withGradient) {
        Optional<Matrix> gradient =
                withGradient ? FiniteResults.gradient(result.gradient(), result.loss()) : null;
        return new CrossEntropyResponse(
                FiniteResults.loss(result.loss()),
                FiniteResults.lossUndefinedReason(result.loss()),
                result.loss().reduction().name().toLowerCase(Locale.ROOT),
                result.loss().lossSum(),
                result.loss().denominator(),
                withSamples ? samples(result, target) : null,
                gradient,
                FiniteResults.gradientUndefinedReason(gradient));
    }

    private static List<Sample> samples(CrossEntropy.Result result, int[] target) {
        FiniteResults.requireFinite(result.sampleLosses(), "samples[].loss");
        Matrix probabilities = result.probabilities();
        int columns = probabilities.columns();
        return new IndexedList<>(
                probabilities.rows(),
                n -> {
                    double[] row =
                            Arrays.copyOfRange(
                                    probabilities.values(), n * columns, (n + 1) * columns);
                    Integer t = target == null ? null : target[n];
                    boolean ignored = result.ignored()[n];
                    return new Sample(
                            n,
                            t,
                            ignored,
                            result.sampleWeights()[n],
                            result.sampleLosses()[n],
                            row,
                            t == null || ignored ? null : row[t],
                            result.predictedClass()[n]);
                });
    }
}
