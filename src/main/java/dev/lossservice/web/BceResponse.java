package dev.lossservice.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Answer of {@code POST /loss/bce}. The mean divides by the element count, which is never 0, so
 * only {@code reduction: none} leaves {@code loss} null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "loss",
    "lossUndefinedReason",
    "reduction",
    "mode",
    "lossSum",
    "denominator",
    "samples",
    "gradient"
})
public record BceResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS)
                @Schema(
                        description = "The reduced loss; null for reduction none.",
                        nullable = true,
                        requiredMode = Schema.RequiredMode.REQUIRED)
                Double loss,
        @Schema(description = "Present exactly when loss is null: why.") String lossUndefinedReason,
        @Schema(allowableValues = {"mean", "sum", "none"}) String reduction,
        @Schema(allowableValues = {"probabilities", "logits"}) String mode,
        @Schema(description = "Sum of all element losses.") double lossSum,
        @Schema(description = "What mean divides by: the number of elements.") double denominator,
        @Schema(description = "Per-sample breakdown; left out with ?samples=false.")
                List<Sample> samples,
        @Schema(
                        description =
                                "d loss / d input (the probabilities or the logits, whichever was"
                                        + " sent), the input's shape; left out with"
                                        + " ?gradient=false.")
                Tensor gradient) {

    /**
     * One sample (one row of a 2-D input, one element of a 1-D input).
     *
     * @param loss the sum of this sample's element losses
     * @param elementLosses PyTorch's {@code reduction='none'} row; only for 2-D input
     * @param probabilities {@code sigmoid(logits[index])}; only in logits mode
     */
    @Schema(name = "BceSample")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(
            int index,
            double loss,
            @Schema(description = "PyTorch's reduction='none' row; only for 2-D input.")
                    double[] elementLosses,
            @Schema(
                            description =
                                    "sigmoid(logits[index]): number[C] for 2-D input, a number"
                                            + " for 1-D input; only in logits mode.",
                            oneOf = {Double.class, double[].class})
                    Object probabilities) {}

    static BceResponse of(
            BinaryCrossEntropy.Result result,
            int inputRank,
            boolean withSamples,
            boolean withGradient) {
        Tensor gradient = null;
        if (withGradient) {
            FiniteResults.requireFinite(result.gradient(), "gradient");
            gradient =
                    inputRank == 1
                            ? Tensor.vector(result.gradient().values())
                            : Tensor.of(result.gradient());
        }
        boolean logitsMode = result.sigmoid() != null;
        return new BceResponse(
                FiniteResults.loss(result.loss()),
                FiniteResults.lossUndefinedReason(result.loss()),
                result.loss().reduction().name().toLowerCase(Locale.ROOT),
                logitsMode ? "logits" : "probabilities",
                result.loss().lossSum(),
                result.loss().denominator(),
                withSamples ? samples(result, inputRank) : null,
                gradient);
    }

    private static List<Sample> samples(BinaryCrossEntropy.Result result, int inputRank) {
        FiniteResults.requireFinite(result.sampleLosses(), "samples[].loss");
        Matrix elementLosses = result.elementLosses();
        FiniteResults.requireFinite(elementLosses, "samples[].elementLosses");
        Matrix sigmoid = result.sigmoid();
        int columns = elementLosses.columns();
        return new IndexedList<>(
                elementLosses.rows(),
                n ->
                        new Sample(
                                n,
                                result.sampleLosses()[n],
                                inputRank == 1
                                        ? null
                                        : Arrays.copyOfRange(
                                                elementLosses.values(),
                                                n * columns,
                                                (n + 1) * columns),
                                sigmoid == null
                                        ? null
                                        : inputRank == 1
                                                ? (Object) sigmoid.values()[n]
                                                : Arrays.copyOfRange(
                                                        sigmoid.values(),
                                                        n * columns,
                                                        (n + 1) * columns)));
    }
}
