package dev.lossservice.nll;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;

/** The rules between the fields of an {@link NllRequest}: targets and weights fit the input. */
final class NllRules implements RequestRules<NllRequest> {

    @Override
    public void check(NllRequest request, Violations violations) {
        if (request.logProbabilities() != null && request.logProbabilities().rank() == 2) {
            int classes = request.logProbabilities().columns();
            if (request.target() != null) {
                violations.classIndices(
                        "target",
                        request.target(),
                        request.logProbabilities().rows(),
                        classes,
                        request.ignoreIndex() == null
                                ? CrossEntropy.DEFAULT_IGNORE_INDEX
                                : request.ignoreIndex());
            }
            if (request.weight() != null) {
                violations.classWeights("weight", request.weight(), "logProbabilities", classes);
            }
        }
    }
}
