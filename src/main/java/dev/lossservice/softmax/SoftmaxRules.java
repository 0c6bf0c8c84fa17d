package dev.lossservice.softmax;

import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;

/** The rule between the fields of a {@link SoftmaxRequest}: the upstream gradient fits. */
final class SoftmaxRules implements RequestRules<SoftmaxRequest> {

    @Override
    public void check(SoftmaxRequest request, Violations violations) {
        if (request.logits() != null && request.upstreamGradient() != null) {
            violations.sameShape(
                    "upstreamGradient", request.upstreamGradient(), "logits", request.logits());
        }
    }
}
