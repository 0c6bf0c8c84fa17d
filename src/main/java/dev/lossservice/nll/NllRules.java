package dev.lossservice.nll;

import dev.lossservice.loss.ClassTargetRules;
import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;

/**
 * The rules between the fields of an {@link NllRequest}: only those it shares with cross-entropy
 * ({@link ClassTargetRules}).
 */
final class NllRules implements RequestRules<NllRequest> {

    @Override
    public void check(NllRequest request, Violations violations) {
        ClassTargetRules.check(
                request,
                "logProbabilities",
                request.logProbabilities(),
                violations,
                ClassTargetRules.InputRule.NONE);
    }
}
