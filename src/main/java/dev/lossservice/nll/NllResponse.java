package dev.lossservice.nll;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.OneHotRows;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.explain.Step;
import dev.lossservice.loss.ClassInput;
import dev.lossservice.loss.ClassTargetLossResponse;
import dev.lossservice.loss.IndexedList;
import dev.lossservice.loss.LossResults;
import dev.lossservice.loss.Warnings;
import dev.lossservice.request.ResponseParts;
import dev.lossservice.tensor.NpzWriter;
import dev.lossservice.tensor.Tensor;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Optional;

/**
 * Answer of {@code POST /loss/nll}; shaped as the cross-entropy answer. The gradient stays in its
 * compact form ({@link OneHotRows}) and is written as the same N x C number arrays a dense matrix
 * gives (the tensor codec).
 */
public final class NllResponse extends ClassTargetLossResponse<NllResponse.Sample, Object> {

    private NllResponse(
            ReducedLoss loss,
            int[] lossShape,
            List<Sample> samples,
            Optional<Object> gradient,
            Warnings warnings,
            List<Step> steps) {
        super(loss, lossShape, samples, gradient, warnings.toList(), steps);
    }

    /**
     * As {@code .npz}: the arrays of {@link ClassTargetLossResponse#writeLossArrays}, and {@code
     * gradient} (dense, of the input's shape).
     */
    @Override
    public void writeArrays(NpzWriter npz) {
        writeLossArrays(npz, Sample::loss);
        if (gradient() != null && gradient().isPresent()) {
            if (gradient().get() instanceof OneHotRows rows) {
                npz.matrix("gradient", rows);
            } else {
                npz.tensor("gradient", (Tensor) gradient().get());
            }
        }
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
            @Schema(requiredMode = RequiredMode.REQUIRED) double loss,
            @JsonInclude(JsonInclude.Include.NON_NULL)
                    @Schema(
                            description =
                                    "The position's coordinates [n, d1, ..., dk] ([] for an"
                                            + " unbatched input); absent for an N x C input.")
                    int[] position) {}

    /**
     * An {@code N x C} input without an upstream gradient: the compact gradient of version 1.
     *
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    static NllResponse of(
            NegativeLogLikelihood.Result result,
            int[] target,
            ResponseParts parts,
            Warnings warnings,
            List<Step> steps) {
        Optional<Object> gradient =
                parts.gradient()
                        ? LossResults.gradient(result.gradient(), result.loss()).map(g -> g)
                        : null;
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
                                            result.sampleLosses()[n],
                                            null));
        }
        return new NllResponse(
                result.loss(), new int[] {target.length}, samples, gradient, warnings, steps);
    }

    /**
     * Any other input: the class-strided kernel.
     *
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    static NllResponse of(
            NegativeLogLikelihood.Positions result,
            ClassInput input,
            int[] target,
            ResponseParts parts,
            Warnings warnings,
            List<Step> steps) {
        Optional<Object> gradient =
                parts.gradient()
                        ? LossResults.gradient(
                                (Object) new Tensor(result.gradient(), input.shape()),
                                result.gradient(),
                                result.loss())
                        : null;
        List<Sample> samples = null;
        if (parts.samples()) {
            LossResults.requireFinite(result.sampleLosses(), "samples[].loss");
            samples =
                    new IndexedList<>(
                            target.length,
                            i ->
                                    new Sample(
                                            i,
                                            target[i],
                                            result.ignored()[i],
                                            result.sampleWeights()[i],
                                            result.sampleLosses()[i],
                                            input.isMatrix() ? null : input.position(i)));
        }
        return new NllResponse(
                result.loss(), input.lossShape(), samples, gradient, warnings, steps);
    }
}
