package dev.lossservice.bce;

import dev.lossservice.request.RequestRules;
import dev.lossservice.request.Violations;
import dev.lossservice.tensor.Tensor;

/**
 * The rules between the fields of a {@link BceRequest}: exactly one input and one target; {@code
 * posWeight} only with logits; the target, class indices and weights fit the input.
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
            if (input.rank() == 1) {
                violations.add(
                        "/targetClasses",
                        "needs 2-D input (N x C); for 1-D input give target instead");
            } else {
                violations.classIndices(
                        "targetClasses",
                        request.targetClasses(),
                        input.rows(),
                        input.columns(),
                        null);
            }
        }
        Tensor weight = request.weight();
        if (weight != null) {
            boolean fits =
                    weight.hasShapeOf(input)
                            || (weight.rank() == 1
                                    && weight.rows() == (input.rank() == 2 ? input.columns() : 1));
            if (!fits) {
                violations.add(
                        "/weight",
                        "has shape "
                                + weight.describeShape()
                                + ", but must have "
                                + (input.rank() == 2
                                        ? input.columns() + " numbers (one per class) or the shape"
                                        : "the shape")
                                + " of "
                                + shape);
            }
        }
        Tensor posWeight = request.posWeight();
        if (posWeight != null) {
            int length = posWeight.values().length;
            int expected = input.rank() == 2 ? input.columns() : input.rows();
            if (length != expected && !(input.rank() == 1 && length == 1)) {
                violations.add(
                        "/posWeight",
                        "has length "
                                + length
                                + ", but must have "
                                + expected
                                + (input.rank() == 2
                                        ? " (one per class of "
                                        : " (one per element of ")
                                + shape
                                + ")");
            }
        }
    }
}
