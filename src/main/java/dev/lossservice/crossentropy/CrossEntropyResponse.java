package dev.lossservice.crossentropy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lossservice.core.ClassShape;
import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Answer of {@code POST /loss/cross-entropy}: the fields of {@link ClassTargetLossResponse}, with
 * samples that carry the probabilities.
 */
public final class CrossEntropyResponse
        extends ClassTargetLossResponse<CrossEntropyResponse.Sample, Tensor> {

    private CrossEntropyResponse(
            ReducedLoss loss,
            int[] lossShape,
            List<Sample> samples,
            Optional<Tensor> gradient,
            Warnings warnings,
            List<Step> steps) {
        super(loss, lossShape, samples, gradient, warnings.toList(), steps);
    }

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
            @JsonInclude(JsonInclude.Include.NON_NULL)
                    @Schema(
                            description =
                                    "The position's coordinates [n, d1, ..., dk] ([] for an"
                                            + " unbatched input); absent for an N x C input.")
                    int[] position) {}

    /**
     * As {@code .npz}: the arrays of {@link ClassTargetLossResponse#writeLossArrays}, and {@code
     * gradient} (dense, of the input's shape).
     */
    @Override
    public void writeArrays(NpzWriter npz) {
        writeLossArrays(npz, Sample::loss);
        if (gradient() != null && gradient().isPresent()) {
            npz.tensor("gradient", gradient().get());
        }
    }

    /**
     * An {@code N x C} input without an upstream gradient: version 1's row kernel.
     *
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    static CrossEntropyResponse of(
            CrossEntropy.Result result,
            int[] target,
            ResponseParts parts,
            Warnings warnings,
            List<Step> steps) {
        Optional<Tensor> gradient =
                parts.gradient()
                        ? LossResults.gradient(result.gradient(), result.loss()).map(Tensor::of)
                        : null;
        return new CrossEntropyResponse(
                result.loss(),
                new int[] {result.probabilities().rows()},
                parts.samples() ? samples(result, target) : null,
                gradient,
                warnings,
                steps);
    }

    /**
     * Any other input: the class-strided kernel.
     *
     * @param steps the explained computation, or null unless {@code ?explain=true}
     */
    static CrossEntropyResponse of(
            CrossEntropy.Positions result,
            ClassInput input,
            int[] target,
            ResponseParts parts,
            Warnings warnings,
            List<Step> steps) {
        Optional<Tensor> gradient =
                parts.gradient()
                        ? LossResults.gradient(
                                new Tensor(result.gradient(), input.shape()),
                                result.gradient(),
                                result.loss())
                        : null;
        return new CrossEntropyResponse(
                result.loss(),
                input.lossShape(),
                parts.samples() ? samples(result, input, target) : null,
                gradient,
                warnings,
                steps);
    }

    private static List<Sample> samples(CrossEntropy.Result result, int[] target) {
        LossResults.requireFinite(result.sampleLosses(), "samples[].loss");
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
                            result.predictedClass()[n],
                            null);
                });
    }

    private static List<Sample> samples(
            CrossEntropy.Positions result, ClassInput input, int[] target) {
        LossResults.requireFinite(result.sampleLosses(), "samples[].loss");
        ClassShape shape = input.classShape();
        double[] probabilities = result.probabilities();
        return new IndexedList<>(
                result.sampleLosses().length,
                i -> {
                    double[] row = new double[shape.classes()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = probabilities[shape.index(i, c)];
                    }
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
}
