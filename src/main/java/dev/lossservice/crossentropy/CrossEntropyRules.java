package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;

/**
 * The rules between the fields of a {@link CrossEntropyRequest}: exactly one of {@code target} and
 * {@code targetProbabilities}; {@code ignoreIndex} only with {@code target}; targets and weights
 * that fit the logits.
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
        if (request.logits() != null && request.logits().rank() == 2) {
            int rows = request.logits().rows();
            int classes = request.logits().columns();
            if (request.target() != null) {
                violations.classIndices(
                        "target",
                        request.target(),
                        rows,
                        classes,
                        request.ignoreIndex() == null
                                ? CrossEntropy.DEFAULT_IGNORE_INDEX
                                : request.ignoreIndex());
            }
            if (request.targetProbabilities() != null) {
                violations.sameShape(
                        "targetProbabilities",
                        request.targetProbabilities(),
                        "logits",
                        request.logits());
            }
            if (request.weight() != null) {
                violations.classWeights("weight", request.weight(), "logits", classes);
            }
        }
    }
}
