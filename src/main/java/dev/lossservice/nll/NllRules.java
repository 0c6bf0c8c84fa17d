package dev.lossservice.nll;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.loss.ClassInput;
import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;

/**
 * The rules between the fields of an {@link NllRequest}: targets, weights and the upstream gradient
 * fit the input as PyTorch's shapes ({@link ClassInput}).
 */
final class NllRules implements RequestRules<NllRequest> {

    @Override
    public void check(NllRequest request, Violations violations) {
        if (request.logProbabilities() == null) {
            return;
        }
        ClassInput input = ClassInput.of(request.logProbabilities());
        int classes = input.classShape().classes();
        if (request.target() != null) {
            violations.classIndices(
                    "target",
                    request.target(),
                    input.lossShape(),
                    classes,
                    request.ignoreIndex() == null
                            ? CrossEntropy.DEFAULT_IGNORE_INDEX
                            : request.ignoreIndex(),
                    "logProbabilities",
                    request.logProbabilities());
        }
        if (request.weight() != null && !input.empty()) {
            violations.classWeights("weight", request.weight(), "logProbabilities", classes);
        }
        violations.upstreamGradient(
                "upstreamGradient",
                request.upstreamGradient(),
                request.reduction(),
                input.lossShape());
    }
}
