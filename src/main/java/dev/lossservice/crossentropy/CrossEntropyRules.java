package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.loss.ClassInput;
import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;

/**
 * The rules between the fields of a {@link CrossEntropyRequest}: exactly one of {@code target} and
 * {@code targetProbabilities}; {@code ignoreIndex} only with {@code target}; targets, weights and
 * the upstream gradient that fit the logits as PyTorch's shapes ({@link ClassInput}).
 */
final class CrossEntropyRules implements RequestRules<CrossEntropyRequest> {

    @Override
    public void check(CrossEntropyRequest request, Violations violations) {
        violations.exactlyOne(
                "target", request.target(), "targetProbabilities", request.targetProbabilities());
        if (request.ignoreIndex() != null && request.targetProbabilities() != null) {
            violations.add(
                    "/ignoreIndex", "applies only with target, not with targetProbabilities");
        }
        if (request.logits() == null) {
            return;
        }
        ClassInput input = ClassInput.of(request.logits());
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
                    "logits",
                    request.logits());
        }
        if (request.targetProbabilities() != null) {
            violations.sameShape(
                    "targetProbabilities",
                    request.targetProbabilities(),
                    "logits",
                    request.logits());
        }
        if (request.weight() != null && !input.empty()) {
            violations.classWeights("weight", request.weight(), "logits", classes);
        }
        violations.upstreamGradient(
                "upstreamGradient",
                request.upstreamGradient(),
                request.reduction(),
                input.lossShape());
    }
}
