package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.loss.ClassTargetLossResponse;
import dev.lossservice.loss.IndexedList;
import dev.lossservice.loss.LossResults;
import dev.lossservice.request.ResponseParts;
import dev.lossservice.tensor.NpzWriter;
import dev.lossservice.tensor.NumpyArrays;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Answer of {@code POST /loss/cross-entropy}. {@code samples} and {@code gradient} are left out
 * (not null) when the client asked so; {@code gradient} is null, with a reason, where PyTorch's is
 * NaN.
 */
public record CrossEntropyResponse(
        Double loss,
        String lossUndefinedReason,
        String reduction,
        double lossSum,
        double denominator,
        List<Sample> samples,
        @Schema(
                        description =
                                "d loss / d logits, number[N][C] (of lossSum for reduction none);"
                                        + " left out with ?gradient=false; null where PyTorch's is"
                                        + " NaN (see gradientUndefinedReason).",
                        nullable = true)
                Optional<Matrix> gradient,
        String gradientUndefinedReason)
        implements ClassTargetLossResponse, NumpyArrays {

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

    /**
     * As {@code .npz}: {@code loss} (0-d, absent where null), {@code lossSum}, {@code denominator},
     * {@code losses} (each sample's loss, [N]) with the samples, {@code gradient} ([N, C]).
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

    static CrossEntropyResponse of(CrossEntropy.Result result, int[] target, ResponseParts parts) {
        Optional<Matrix> gradient =
                parts.gradient() ? LossResults.gradient(result.gradient(), result.loss()) : null;
        return new CrossEntropyResponse(
                LossResults.loss(result.loss()),
                LossResults.lossUndefinedReason(result.loss()),
                LossResults.reduction(result.loss()),
                result.loss().lossSum(),
                result.loss().denominator(),
                parts.samples() ? samples(result, target) : null,
                gradient,
                LossResults.gradientUndefinedReason(gradient));
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
