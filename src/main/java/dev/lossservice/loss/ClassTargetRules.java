package dev.lossservice.loss;

import dev.lossservice.request.Violations;
import dev.lossservice.tensor.Tensor;

/**
 * The rules between the fields that cross-entropy and NLL share ({@link ClassTargetRequest}):
 * class-index targets, class weights and the upstream gradient fit the input as PyTorch's shapes
 * ({@link ClassInput}). Each endpoint's {@code RequestRules} calls it besides its own rules.
 */
public final class ClassTargetRules {

    private ClassTargetRules() {}

    /**
     * Reports what does not fit the input; nothing when the input is absent (its own field says
     * so).
     *
     * @param inputField the input's field: {@code logits} or {@code logProbabilities}
     * @param between the endpoint's rules about its other fields, checked after the class-index
     *     target and before the weights, where they need the input's reading
     */
    public static void check(
            ClassTargetRequest request,
            String inputField,
            Tensor inputTensor,
            Violations violations,
            InputRule between) {
        if (inputTensor == null) {
            return;
        }
        ClassInput input = ClassInput.of(inputTensor);
        int classes = input.classShape().classes();
        if (request.target() != null) {
            violations.classIndices(
                    "target",
                    request.target(),
                    input.lossShape(),
                    classes,
                    request.ignoreIndexOrDefault(),
                    inputField,
                    inputTensor);
        }
        between.check(input, violations);
        if (request.weight() != null && !input.empty()) {
            violations.classWeights("weight", request.weight(), inputField, classes);
        }
        violations.upstreamGradient(
                "upstreamGradient",
                request.upstreamGradient(),
                request.reduction(),
                input.lossShape());
    }

    /** An endpoint's own rule against the input's reading. */
    @FunctionalInterface
    public interface InputRule {

        /** No rule of the endpoint's own. */
        InputRule NONE = (input, violations) -> {};

        void check(ClassInput input, Violations violations);
    }
}
