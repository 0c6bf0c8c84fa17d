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

    /** The documentation of {@code weight}, the same for both losses. */
    String WEIGHT_DESCRIPTION =
            "Class weights, number[C]; negative weights are computed with, as PyTorch does, and"
                    + " answered with a warning.";

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
