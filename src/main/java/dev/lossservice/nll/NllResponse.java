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
import dev.lossservice.loss.LossSample;
import dev.lossservice.loss.Warnings;
import dev.lossservice.request.ResponseParts;
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
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = POSITION_DESCRIPTION)
                    int[] position)
            implements LossSample {}

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
        return answer(
                result.loss(),
                new int[] {target.length},
                gradient,
                new Samples(
                        target, result.ignored(), result.sampleWeights(), result.sampleLosses()),
                null,
                parts,
                warnings,
                steps);
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
        return answer(
                result.loss(),
                input.lossShape(),
                gradient,
                new Samples(
                        target, result.ignored(), result.sampleWeights(), result.sampleLosses()),
                input.isMatrix() ? null : input,
                parts,
                warnings,
                steps);
    }

    /** What both kernels give per sample. */
    private record Samples(
            int[] target, boolean[] ignored, double[] sampleWeights, double[] sampleLosses) {}

    /**
     * The answer of either kernel, with its samples when the client wants them.
     *
     * @param positions the input whose positions the samples name, or null for an {@code N x C}
     *     input
     */
    private static NllResponse answer(
            ReducedLoss loss,
            int[] lossShape,
            Optional<Object> gradient,
            Samples perSample,
            ClassInput positions,
            ResponseParts parts,
            Warnings warnings,
            List<Step> steps) {
        return new NllResponse(
                loss,
                lossShape,
                parts.samples() ? samples(perSample, positions) : null,
                gradient,
                warnings,
                steps);
    }

    /**
     * @param positions the input whose positions the samples name, or null for an {@code N x C}
     *     input, whose samples carry no position
     */
    private static List<Sample> samples(Samples perSample, ClassInput positions) {
        LossResults.requireFinite(perSample.sampleLosses(), "samples[].loss");
        return new IndexedList<>(
                perSample.target().length,
                i ->
                        new Sample(
                                i,
                                perSample.target()[i],
                                perSample.ignored()[i],
                                perSample.sampleWeights()[i],
                                perSample.sampleLosses()[i],
                                positions == null ? null : positions.position(i)));
    }
}
