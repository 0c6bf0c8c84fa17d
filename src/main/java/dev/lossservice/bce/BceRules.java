package dev.lossservice.bce;

import dev.lossservice.core.Shapes;
import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;
import dev.lossservice.tensor.Tensor;

/**
 * The rules between the fields of a {@link BceRequest}: exactly one input and one target; {@code
 * posWeight} only with logits; the target has the input's shape, the weights broadcast to it, the
 * class indices and the upstream gradient fit it.
 */
final class BceRules implements RequestRules<BceRequest> {

    @Override
    public void check(BceRequest request, Violations violations) {
        boolean oneInput =
                violations.exactlyOne(
                        "probabilities", request.probabilities(), "logits", request.logits());
        violations.exactlyOne("target", request.target(), "targetClasses", request.targetClasses());
        if (request.posWeight() != null && request.probabilities() != null) {
            violations.add("/posWeight", "applies only with logits, not with probabilities");
        }
        if (oneInput) {
            String name = request.logits() != null ? "logits" : "probabilities";
            checkAgainstInput(request, request.input(), name, violations);
        }
    }

    private static void checkAgainstInput(
            BceRequest request, Tensor input, String inputName, Violations violations) {
        String shape = inputName + " (" + input.describeShape() + ")";
        Tensor target = request.target();
        if (target != null && !target.hasShapeOf(input)) {
            violations.add(
                    "/target",
                    "has shape "
                            + target.describeShape()
                            + ", but must have the shape of "
                            + shape);
        }
        if (request.targetClasses() != null) {
            if (input.rank() != 2) {
                violations.add(
                        "/targetClasses",
                        "needs 2-D input (N x C); for input of another rank give target instead");
            } else {
                violations.classIndices(
                        "targetClasses",
                        request.targetClasses(),
                        input.rows(),
                        input.columns(),
                        null);
            }
        }
        broadcasts("weight", request.weight(), input, shape, violations);
        broadcasts("posWeight", request.posWeight(), input, shape, violations);
        violations.upstreamGradient(
                "upstreamGradient", request.upstreamGradient(), request.reduction(), input.shape());
    }

    private static void broadcasts(
            String field, Tensor factor, Tensor input, String shape, Violations violations) {
        if (factor != null && !Shapes.broadcastsTo(factor.shape(), input.shape())) {
            violations.add(
                    "/" + field,
                    "has shape "
                            + factor.describeShape()
                            + ", which does not broadcast to the shape of "
                            + shape
                            + ": aligned from the last dimension, each size must be 1 or"
                            + " the input's, with no more dimensions than the input");
        }
    }
}
