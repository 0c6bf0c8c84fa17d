package dev.lossservice.nll;

import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.OneHotRows;
import dev.lossservice.loss.ClassTargetLossResponse;
import dev.lossservice.loss.IndexedList;
import dev.lossservice.loss.LossResults;
import dev.lossservice.request.ResponseParts;
import dev.lossservice.tensor.NpzWriter;
import dev.lossservice.tensor.NumpyArrays;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Optional;

/**
 * Answer of {@code POST /loss/nll}; shaped as the cross-entropy answer. The gradient stays in its
 * compact form ({@link OneHotRows}) and is written as the same N x C number arrays a dense matrix
 * gives (the tensor codec).
 */
public record NllResponse(
        Double loss,
        String lossUndefinedReason,
        String reduction,
        double lossSum,
        double denominator,
        List<Sample> samples,
        @Schema(
                        description =
                                "d loss / d logProbabilities, number[N][C]; left out with"
                                        + " ?gradient=false; null where PyTorch's is NaN.",
                        nullable = true)
                Optional<OneHotRows> gradient,
        String gradientUndefinedReason)
        implements ClassTargetLossResponse, NumpyArrays {

    /**
     * One sample.
     *
     * @param weight {@code w[target]}, 0 when ignored
     * @param loss {@code -w[target] * logProbabilities[index][target]}, 0 when ignored
     */
    @Schema(name = "NllSample")
    public record Sample(
            @Schema(requiredMode = RequiredMode.REQUIRED) int index,
            @Schema(requiredMode = RequiredMode.REQUIRED) int target,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean ignored,
            @Schema(requiredMode = RequiredMode.REQUIRED) double weight,
            @Schema(requiredMode = RequiredMode.REQUIRED) double loss) {}

    /**
     * As {@code .npz}: {@code loss} (0-d, absent where null), {@code lossSum}, {@code denominator},
     * {@code losses} (each sample's loss, [N]) with the samples, {@code gradient} (dense, [N, C]).
     */
    @Override
    public void writeArrays(NpzWriter npz) {
        if (loss != null) {
            npz.scalar("loss", loss);
        }
        npz.scalar("lossSum", lossSum);
        npz.scalar("denominator", denominator);
        if (samples != null) {
            double[] losses = new double[samples.size()];
            for (int n = 0; n < losses.length; n++) {
                losses[n] = samples.get(n).loss();
            }
            npz.doubles("losses", losses, losses.length);
        }
        if (gradient != null && gradient.isPresent()) {
            npz.matrix("gradient", gradient.get());
        }
    }

    static NllResponse of(NegativeLogLikelihood.Result result, int[] target, ResponseParts parts) {
        Optional<OneHotRows> gradient =
                parts.gradient() ? LossResults.gradient(result.gradient(), result.loss()) : null;
        List<Sample> samples = null;
        if (parts.samples()) {
            LossResults.requireFinite(result.sampleLosses(), "samples[].loss");
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
                LossResults.loss(result.loss()),
                LossResults.lossUndefinedReason(result.loss()),
                LossResults.reduction(result.loss()),
                result.loss().lossSum(),
                result.loss().denominator(),
                samples,
                gradient,
                LossResults.gradientUndefinedReason(gradient));
    }
}
