package dev.lossservice.crossentropy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lossservice.core.ClassShape;
import dev.lossservice.core.CrossEntropy;
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
import java.util.Arrays;
import java.util.List;

/**
 * Answer of {@code POST /loss/cross-entropy}: the fields of {@link ClassTargetLossResponse}, with
 * samples that carry the probabilities.
 */
public final class CrossEntropyResponse
        extends ClassTargetLossResponse<CrossEntropyResponse.Sample, Tensor> {

    /**
     * One sample: one position of the input.
     *
     * @param index the position's row-major number
     * @param target the class index, null for probability targets
     * @param weight {@code w[target]} (0 when ignored); 1 for probability targets
     * @param loss PyTorch's {@code reduction='none'} value; 0 when ignored
     * @param probabilities the softmax over the C classes at this position
     * @param targetProbability {@code probabilities[target]}, null for probability targets and for
     *     ignored samples
     * @param position the position's coordinates {@code [n, d1, ..., dk]} ({@code []} unbatched);
     *     absent for an {@code N x C} input, where it is just {@code [index]}
     */
    @Schema(name = "CrossEntropySample")
    public record Sample(
            @Schema(requiredMode = RequiredMode.REQUIRED) int index,
            @Schema(nullable = true, requiredMode = RequiredMode.REQUIRED) Integer target,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean ignored,
            @Schema(requiredMode = RequiredMode.REQUIRED) double weight,
            @Schema(requiredMode = RequiredMode.REQUIRED) double loss,
            @Schema(
                            description = "softmax over the classes at this position",
                            requiredMode = RequiredMode.REQUIRED)
                    double[] probabilities,
            @Schema(nullable = true, requiredMode = RequiredMode.REQUIRED) Double targetProbability,
            @Schema(requiredMode = RequiredMode.REQUIRED) int predictedClass,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = POSITION_DESCRIPTION)
                    int[] position)
            implements LossSample {}

    /**
     * @param result the answer's numbers, laid out as the input (the row kernel's, for {@code N x
     *     C}, are)
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    CrossEntropyResponse(
            CrossEntropy.Positions result,
            ClassInput input,
            int[] target,
            ResponseParts parts,
            Warnings warnings,
            List<Step> steps) {
        super(
                result.loss(),
                input.lossShape(),
                parts.samples() ? samples(result, input, target) : null,
                result.sampleLosses(),
                parts.gradient()
                        ? LossResults.gradient(
                                new Tensor(result.gradient(), input.shape()),
                                result.gradient(),
                                result.loss())
                        : null,
                warnings.toList(),
                steps);
    }

    private CrossEntropyResponse(ReducedLoss loss, ClassInput input, Warnings warnings) {
        super(loss, input.lossShape(), null, null, null, warnings.toList(), null);
    }

    /** The answer without samples and gradient, from the loss alone. */
    static CrossEntropyResponse lossOnly(ReducedLoss loss, ClassInput input, Warnings warnings) {
        return new CrossEntropyResponse(loss, input, warnings);
    }

    private static List<Sample> samples(
            CrossEntropy.Positions result, ClassInput input, int[] target) {
        LossResults.requireFinite(result.sampleLosses(), "samples[].loss");
        ClassShape shape = input.classShape();
        double[] probabilities = result.probabilities();
        return new IndexedList<>(
                result.sampleLosses().length,
                i -> {
                    double[] row = classValues(probabilities, shape, i);
                    Integer t = target == null ? null : target[i];
                    boolean ignored = result.ignored()[i];
                    return new Sample(
                            i,
                            t,
                            ignored,
                            result.sampleWeights()[i],
                            result.sampleLosses()[i],
                            row,
                            t == null || ignored ? null : row[t],
                            result.predictedClass()[i],
                            input.isMatrix() ? null : input.position(i));
                });
    }

    /** The C values of one position; one copy of a contiguous row where the classes are last. */
    private static double[] classValues(double[] values, ClassShape shape, int position) {
        int classes = shape.classes();
        if (shape.inner() == 1) {
            return Arrays.copyOfRange(values, position * classes, (position + 1) * classes);
        }
        double[] row = new double[classes];
        for (int c = 0; c < classes; c++) {
            row[c] = values[shape.index(position, c)];
        }
        return row;
    }
}
