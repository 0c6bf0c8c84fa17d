package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.loss.ClassTargetLossResponse;
import dev.lossservice.loss.IndexedList;
import dev.lossservice.loss.LossResults;
import dev.lossservice.loss.Warning;
import dev.lossservice.loss.Warnings;
import dev.lossservice.request.ResponseParts;
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
        extends ClassTargetLossResponse<CrossEntropyResponse.Sample, Matrix> {

    private CrossEntropyResponse(
            CrossEntropy.Result result,
            List<Sample> samples,
            Optional<Matrix> gradient,
            List<Warning> warnings) {
        super(result.loss(), samples, gradient, warnings);
    }

    /**
     * One sample.
     *
     * @param target the class index, null for probability targets
     * @param weight {@code w[target]} (0 when ignored); 1 for probability targets
     * @param loss PyTorch's {@code reduction='none'} value; 0 when ignored
     * @param targetProbability {@code probabilities[target]}, null for probability targets and for
     *     ignored samples
     */
    @Schema(name = "CrossEntropySample")
    public record Sample(
            @Schema(requiredMode = RequiredMode.REQUIRED) int index,
            @Schema(nullable = true, requiredMode = RequiredMode.REQUIRED) Integer target,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean ignored,
            @Schema(requiredMode = RequiredMode.REQUIRED) double weight,
            @Schema(requiredMode = RequiredMode.REQUIRED) double loss,
            @Schema(description = "softmax(logits[index])", requiredMode = RequiredMode.REQUIRED)
                    double[] probabilities,
            @Schema(nullable = true, requiredMode = RequiredMode.REQUIRED) Double targetProbability,
            @Schema(requiredMode = RequiredMode.REQUIRED) int predictedClass) {}

    static CrossEntropyResponse of(
            CrossEntropy.Result result, int[] target, ResponseParts parts, Warnings warnings) {
        Optional<Matrix> gradient =
                parts.gradient() ? LossResults.gradient(result.gradient(), result.loss()) : null;
        return new CrossEntropyResponse(
                result,
                parts.samples() ? samples(result, target) : null,
                gradient,
                warnings.toList());
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
                            result.predictedClass()[n]);
                });
    }
}
