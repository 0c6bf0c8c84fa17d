package dev.lossservice.softmax;

import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;

/**
 * The rules between the fields of a {@link SoftmaxRequest}: {@code dim} is a dimension of the
 * logits, an upstream gradient has their shape, and at most one is given.
 */
final class SoftmaxRules implements RequestRules<SoftmaxRequest> {

    @Override
    public void check(SoftmaxRequest request, Violations violations) {
        if (request.upstreamGradient() != null && request.upstreamLogGradient() != null) {
            violations.add(
                    "/upstreamLogGradient",
                    "give either upstreamGradient or upstreamLogGradient, not both");
        }
        if (request.logits() == null) {
            return;
        }
        int rank = request.logits().rank();
        if (request.dim() != null) {
            // PyTorch takes dim -1 and 0 for a 0-d tensor, as for one of rank 1.
            int r = Math.max(rank, 1);
            int dim = request.dim();
            if (dim < -r || dim >= r) {
                violations.add(
                        "/dim",
                        "is "
                                + dim
                                + ", but must be in ["
                                + -r
                                + ", "
                                + (r - 1)
                                + "] for logits of rank "
                                + rank);
            }
        }
        if (request.upstreamGradient() != null) {
            violations.sameShape(
                    "upstreamGradient", request.upstreamGradient(), "logits", request.logits());
        }
        if (request.upstreamLogGradient() != null) {
            violations.sameShape(
                    "upstreamLogGradient",
                    request.upstreamLogGradient(),
                    "logits",
                    request.logits());
        }
    }
}
