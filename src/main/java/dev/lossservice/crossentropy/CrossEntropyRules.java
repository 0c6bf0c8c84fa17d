package dev.lossservice.crossentropy;

import dev.lossservice.loss.ClassTargetRules;
import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;

/**
 * The rules between the fields of a {@link CrossEntropyRequest}: exactly one of {@code target} and
 * {@code targetProbabilities}; {@code ignoreIndex} only with {@code target}; probability targets of
 * the logits' shape; and the rules it shares with NLL ({@link ClassTargetRules}).
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
        ClassTargetRules.check(
                request,
                "logits",
                request.logits(),
                violations,
                (input, found) -> {
                    if (request.targetProbabilities() != null) {
                        found.sameShape(
                                "targetProbabilities",
                                request.targetProbabilities(),
                                "logits",
                                request.logits());
                    }
                });
    }
}
