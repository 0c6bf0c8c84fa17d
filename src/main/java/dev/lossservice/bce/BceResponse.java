package dev.lossservice.bce;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.explain.Step;
import dev.lossservice.loss.IndexedList;
import dev.lossservice.loss.LossResponse;
import dev.lossservice.loss.LossResults;
import dev.lossservice.request.ResponseParts;
import dev.lossservice.tensor.NpzWriter;
import dev.lossservice.tensor.NumpyArrays;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Arrays;
import java.util.List;

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
    "gradient",
    "steps"
})
public record BceResponse(
        Double loss,
        String lossUndefinedReason,
        String reduction,
        @Schema(requiredMode = RequiredMode.REQUIRED) BceMode mode,
        double lossSum,
        double denominator,
        List<Sample> samples,
        @Schema(
                        description =
                                "d loss / d input (the probabilities or the logits, whichever was"
                                        + " sent), the input's shape; left out with"
                                        + " ?gradient=false.")
                Tensor gradient,
        @Schema(description = LossResponse.STEPS_DESCRIPTION) List<Step> steps)
        implements LossResponse, NumpyArrays {

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
            @Schema(requiredMode = RequiredMode.REQUIRED) int index,
            @Schema(requiredMode = RequiredMode.REQUIRED) double loss,
            @Schema(description = "PyTorch's reduction='none' row; only for 2-D input.")
                    double[] elementLosses,
            @Schema(
                            description =
                                    "sigmoid(logits[index]): number[C] for 2-D input, a number"
                                            + " for 1-D input; only in logits mode.")
                    Tensor probabilities) {}

    /**
     * As {@code .npz}: {@code loss} (0-d, absent where null), {@code lossSum}, {@code denominator},
     * {@code losses} with the samples: PyTorch's {@code reduction='none'} output, the element
     * losses in the input's shape; {@code gradient} in the input's shape.
     */
    @Override
    public void writeArrays(NpzWriter npz) {
        if (loss != null) {
            npz.scalar("loss", loss);
        }
        npz.scalar("lossSum", lossSum);
        npz.scalar("denominator", denominator);
        if (samples != null) {
            int rows = samples.size();
            double[] first = samples.get(0).elementLosses();
            if (first == null) {
                double[] losses = new double[rows];
                for (int n = 0; n < rows; n++) {
                    losses[n] = samples.get(n).loss();
                }
                npz.doubles("losses", losses, rows);
            } else {
                int columns = first.length;
                double[] losses = new double[rows * columns];
                for (int n = 0; n < rows; n++) {
                    System.arraycopy(
                            samples.get(n).elementLosses(), 0, losses, n * columns, columns);
                }
                npz.doubles("losses", losses, rows, columns);
            }
        }
        if (gradient != null) {
            npz.tensor("gradient", gradient);
        }
    }

    /**
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    static BceResponse of(
            BinaryCrossEntropy.Result result,
            int inputRank,
            ResponseParts parts,
            List<Step> steps) {
        Tensor gradient = null;
        if (parts.gradient()) {
            LossResults.requireFinite(result.gradient(), "gradient");
            gradient =
                    inputRank == 1
                            ? Tensor.vector(result.gradient().values())
                            : Tensor.of(result.gradient());
        }
        boolean logitsMode = result.sigmoid() != null;
        return new BceResponse(
                LossResults.loss(result.loss()),
                LossResults.lossUndefinedReason(result.loss()),
                LossResults.reduction(result.loss()),
                logitsMode ? BceMode.LOGITS : BceMode.PROBABILITIES,
                result.loss().lossSum(),
                result.loss().denominator(),
                parts.samples() ? samples(result, inputRank) : null,
                gradient,
                steps);
    }

    private static List<Sample> samples(BinaryCrossEntropy.Result result, int inputRank) {
        LossResults.requireFinite(result.sampleLosses(), "samples[].loss");
        Matrix elementLosses = result.elementLosses();
        LossResults.requireFinite(elementLosses, "samples[].elementLosses");
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
                                                ? new Tensor(
                                                        new double[] {sigmoid.values()[n]},
                                                        new int[0])
                                                : Tensor.vector(
                                                        Arrays.copyOfRange(
                                                                sigmoid.values(),
                                                                n * columns,
                                                                (n + 1) * columns))));
    }
}
