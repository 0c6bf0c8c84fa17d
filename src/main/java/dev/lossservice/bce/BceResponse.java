package dev.lossservice.bce;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.core.Reduction;
import dev.lossservice.explain.Step;
import dev.lossservice.loss.IndexedList;
import dev.lossservice.loss.LossResponse;
import dev.lossservice.loss.LossResults;
import dev.lossservice.loss.Warning;
import dev.lossservice.loss.Warnings;
import dev.lossservice.request.ResponseParts;
import dev.lossservice.tensor.NpzWriter;
import dev.lossservice.tensor.NumpyArrays;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Arrays;
import java.util.List;

/**
 * Answer of {@code POST /loss/bce}. The mean divides by the element count, which is 0 only for an
 * empty input: then, as for {@code reduction: none}, {@code loss} is null with its reason.
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
    "warnings",
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
                                        + " sent), the input's shape; with upstreamGradient u,"
                                        + " what loss.backward(u) puts in input.grad. Left out"
                                        + " with ?gradient=false.")
                Tensor gradient,
        List<Warning> warnings,
        @Schema(description = LossResponse.STEPS_DESCRIPTION) List<Step> steps,
        @JsonIgnore int[] inputShape)
        implements LossResponse, NumpyArrays {

    static final String EMPTY_MEAN =
            "mean over an input with no element divides by a denominator of 0; PyTorch returns"
                    + " NaN";

    /**
     * One sample: one index of dimension 0 (the only one of a 0-d input).
     *
     * @param loss the sum of this sample's element losses
     * @param elementLosses PyTorch's {@code reduction='none'} values of the sample, its sub-tensor;
     *     only for input of rank 2 and above
     * @param probabilities {@code sigmoid(logits[index])}; only in logits mode
     */
    @Schema(name = "BceSample")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(
            @Schema(requiredMode = RequiredMode.REQUIRED) int index,
            @Schema(requiredMode = RequiredMode.REQUIRED) double loss,
            @Schema(
                            description =
                                    "PyTorch's reduction='none' values of this sample: its"
                                            + " sub-tensor (number[C] for 2-D input); only for"
                                            + " input of rank 2 and above.")
                    Tensor elementLosses,
            @Schema(
                            description =
                                    "sigmoid(logits[index]): number[C] for 2-D input, a number"
                                            + " for 1-D input (and for 0-d), the sample's"
                                            + " sub-tensor above; only in logits mode.")
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
            double[] losses = new double[Math.toIntExact(Tensor.size(inputShape))];
            int offset = 0;
            for (Sample sample : samples) {
                if (sample.elementLosses() == null) {
                    losses[offset++] = sample.loss();
                } else {
                    double[] values = sample.elementLosses().values();
                    System.arraycopy(values, 0, losses, offset, values.length);
                    offset += values.length;
                }
            }
            npz.doubles("losses", losses, inputShape);
        }
        if (gradient != null) {
            npz.tensor("gradient", gradient);
        }
    }

    /**
     * @param gradient d loss / d input, the vector-Jacobian product with an upstream gradient
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    static BceResponse of(
            BinaryCrossEntropy.Result result,
            Matrix gradient,
            int[] shape,
            BceMode mode,
            ResponseParts parts,
            Warnings warnings,
            List<Step> steps) {
        Tensor gradientTensor = null;
        if (parts.gradient()) {
            double[] values = gradient == null ? new double[0] : gradient.values();
            LossResults.requireFinite(values, "gradient");
            gradientTensor = new Tensor(values, shape);
        }
        ReducedLoss loss = result.loss();
        boolean emptyMean = loss.reduction() == Reduction.MEAN && loss.denominator() == 0;
        return new BceResponse(
                emptyMean ? null : LossResults.loss(loss),
                emptyMean ? EMPTY_MEAN : LossResults.lossUndefinedReason(loss),
                LossResults.reduction(loss),
                mode,
                LossResults.requireFinite(loss.lossSum(), "lossSum"),
                loss.denominator(),
                parts.samples() ? samples(result, shape, mode) : null,
                gradientTensor,
                warnings.toList(),
                steps,
                shape);
    }

    private static List<Sample> samples(
            BinaryCrossEntropy.Result result, int[] shape, BceMode mode) {
        double[] sampleLosses = result.sampleLosses();
        LossResults.requireFinite(sampleLosses, "samples[].loss");
        Matrix elementLosses = result.elementLosses();
        double[] losses = elementLosses == null ? new double[0] : elementLosses.values();
        LossResults.requireFinite(losses, "samples[].elementLosses");
        // An input with no element has no sigmoid matrix, but in logits mode each of its samples
        // still has its (empty) probabilities.
        double[] sigmoid =
                mode != BceMode.LOGITS
                        ? null
                        : result.sigmoid() == null ? new double[0] : result.sigmoid().values();
        // The shape of one sample: the input's without dimension 0 (0-d for rank 0 and 1).
        int[] sampleShape =
                shape.length == 0 ? new int[0] : Arrays.copyOfRange(shape, 1, shape.length);
        int perSample = Math.toIntExact(Tensor.size(sampleShape));
        return new IndexedList<>(
                sampleLosses.length,
                n ->
                        new Sample(
                                n,
                                sampleLosses[n],
                                shape.length < 2
                                        ? null
                                        : new Tensor(
                                                Arrays.copyOfRange(
                                                        losses, n * perSample, (n + 1) * perSample),
                                                sampleShape),
                                sigmoid == null
                                        ? null
                                        : new Tensor(
                                                Arrays.copyOfRange(
                                                        sigmoid,
                                                        n * perSample,
                                                        (n + 1) * perSample),
                                                sampleShape)));
    }
}
