package dev.lossservice.loss;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Reduction;
import dev.lossservice.tensor.ClassIndices;
import dev.lossservice.tensor.Tensor;

/**
 * The fields that the requests of the losses over class targets (cross-entropy, NLL) share, so that
 * their rules ({@link ClassTargetRules}) and PyTorch's defaults are written once. Each request
 * record implements it with its own components; the input, whose name differs ({@code logits},
 * {@code logProbabilities}), is given to the rules beside it.
 */
public interface ClassTargetRequest {

    /**
     * The documentation of {@code target}, the same for both losses; cross-entropy adds that its
     * probability targets are the other choice.
     */
    String TARGET_DESCRIPTION =
            "Class index of each position, in [0, C) or equal to ignoreIndex: integer[N],"
                    + " integer[N][d1]...[dk] for input [N][C][d1]...[dk], or a single integer for"
                    + " unbatched input [C].";

    /** The documentation of {@code ignoreIndex}, the same for both losses. */
    String IGNORE_INDEX_DESCRIPTION =
            "Target value whose samples are skipped. PyTorch's default, -100, when absent.";

    /**
     * The documentation of {@code reduction} for class-index targets; cross-entropy adds its
     * denominator for probability targets.
     */
    String REDUCTION_DESCRIPTION =
            "mean (when absent) divides the loss sum by the total target-class weight of the"
                    + " samples not ignored.";

    /** The documentation of {@code upstreamGradient}, the same for both losses. */
    String UPSTREAM_GRADIENT_DESCRIPTION =
            "The gradient flowing into the loss: with reduction none, a tensor of the per-position"
                    + " losses' shape ([N], [N][d1]...[dk], a number when unbatched), giving"
                    + " losses.backward(upstreamGradient); with mean or sum a number, giving"
                    + " loss.backward(upstreamGradient). 1 when absent.";

    /** The class-index target, or null (cross-entropy's probability targets). */
    ClassIndices target();

    Tensor weight();

    Integer ignoreIndex();

    Reduction reduction();

    Tensor upstreamGradient();

    /** The class weights as the core takes them: null for all 1. */
    default double[] weightValues() {
        return weight() == null ? null : weight().values();
    }

    /** The ignore index, PyTorch's default when absent. */
    default int ignoreIndexOrDefault() {
        return ignoreIndex() == null ? CrossEntropy.DEFAULT_IGNORE_INDEX : ignoreIndex();
    }

    /** The reduction, mean when absent. */
    default Reduction reductionOrDefault() {
        return reduction() == null ? Reduction.MEAN : reduction();
    }
}
