package dev.lossservice.nll;

import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.OneHotRows;
import dev.lossservice.loss.ClassTargetLossResponse;
import dev.lossservice.loss.IndexedList;
import dev.lossservice.loss.LossResults;
import dev.lossservice.loss.Warning;
import dev.lossservice.loss.Warnings;
import dev.lossservice.request.ResponseParts;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Optional;

/**
 * Answer of {@code POST /loss/nll}; shaped as the cross-entropy answer. The gradient stays in its
 * compact form ({@link OneHotRows}) and is written as the same N x C number arrays a dense matrix
 * gives (the tensor codec).
 */
public final class NllResponse extends ClassTargetLossResponse<NllResponse.Sample, OneHotRows> {

    private NllResponse(
            NegativeLogLikelihood.Result result,
            List<Sample> samples,
            Optional<OneHotRows> gradient,
            List<Warning> warnings) {
        super(result.loss(), samples, gradient, warnings);
    }

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

    static NllResponse of(
            NegativeLogLikelihood.Result result,
            int[] target,
            ResponseParts parts,
            Warnings warnings) {
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
        return new NllResponse(result, samples, gradient, warnings.toList());
    }
}
