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
            double[] sampleLosses,
            Optional<Object> gradient,
            Warnings warnings,
            List<Step> steps) {
        super(loss, lossShape, samples, sampleLosses, gradient, warnings.toList(), steps);
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
     * The answer of either kernel: the {@code N x C} kernel's {@link NegativeLogLikelihood.Result},
     * whose gradient is answered in its compact form, or the {@link
     * NegativeLogLikelihood.Positions} of any other input, whose gradient is a tensor of the
     * input's shape.
     *
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    static NllResponse of(
            NegativeLogLikelihood.Losses result,
            ClassInput input,
            int[] target,
            ResponseParts parts,
            Warnings warnings,
            List<Step> steps) {
        Optional<Object> gradient = parts.gradient() ? gradient(result, input) : null;
        return new NllResponse(
                result.loss(),
                input.lossShape(),
                parts.samples() ? samples(result, target, input.isMatrix() ? null : input) : null,
                result.sampleLosses(),
                gradient,
                warnings,
                steps);
    }

    private static Optional<Object> gradient(
            NegativeLogLikelihood.Losses result, ClassInput input) {
        if (result instanceof NegativeLogLikelihood.Result rows) {
            return LossResults.gradient(rows.gradient(), rows.loss()).map(g -> g);
        }
        double[] values = ((NegativeLogLikelihood.Positions) result).gradient();
        return LossResults.gradient(
                (Object) new Tensor(values, input.shape()), values, result.loss());
    }

    /**
     * @param positions the input whose positions the samples name, or null for an {@code N x C}
     *     input, whose samples carry no position
     */
    private static List<Sample> samples(
            NegativeLogLikelihood.Losses result, int[] target, ClassInput positions) {
        LossResults.requireFinite(result.sampleLosses(), "samples[].loss");
        return new IndexedList<>(
                target.length,
                i ->
                        new Sample(
                                i,
                                target[i],
                                result.ignored()[i],
                                result.sampleWeights()[i],
                                result.sampleLosses()[i],
                                positions == null ? null : positions.position(i)));
    }
}
