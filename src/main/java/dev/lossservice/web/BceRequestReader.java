package dev.lossservice.web;

import dev.lossservice.core.Reduction;
import dev.lossservice.web.JsonValueReader.ValueRule;
import tools.jackson.core.JsonParser;

/** Reads and checks a {@link BceRequest}. */
final class BceRequestReader extends RequestObjectReader<BceRequest> {

    private Tensor probabilities;
    private Tensor logits;
    private Tensor target;
    private int[] targetClasses;
    private Tensor weight;
    private double[] posWeight;
    private Reduction reduction;

    BceRequestReader(JsonParser parser, FieldProblems problems, long maxElements) {
        super(parser, problems, maxElements);
    }

    @Override
    protected boolean readField(String name, String pointer) {
        switch (name) {
            case "probabilities" ->
                    probabilities = values.readTensor(pointer, 1, 2, ValueRule.UNIT_INTERVAL);
            case "logits" -> logits = values.readTensor(pointer, 1, 2, ValueRule.ANY);
            case "target" -> target = values.readTensor(pointer, 1, 2, ValueRule.UNIT_INTERVAL);
            case "targetClasses" -> targetClasses = values.readIndices(pointer);
            case "weight" -> weight = values.readTensor(pointer, 1, 2, ValueRule.NON_NEGATIVE);
            case "posWeight" -> posWeight = values.readVector(pointer, ValueRule.NON_NEGATIVE);
            case "reduction" -> reduction = readReduction(pointer);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    protected BceRequest build() {
        requireExactlyOne("probabilities", "logits");
        requireExactlyOne("target", "targetClasses");
        if (isPresent("posWeight") && isPresent("probabilities")) {
            problems.add("/posWeight", "applies only with logits, not with probabilities");
        }
        String inputName = isPresent("probabilities") ? "probabilities" : "logits";
        Tensor input = probabilities != null ? probabilities : logits;
        if (input != null && !(isPresent("probabilities") && isPresent("logits"))) {
            checkAgainstInput(input, inputName);
        }
        return new BceRequest(
                probabilities,
                logits,
                target,
                targetClasses,
                weight,
                posWeight,
                reduction == null ? Reduction.MEAN : reduction);
    }

    private void checkAgainstInput(Tensor input, String inputName) {
        String shape = inputName + " (" + input.describeShape() + ")";
        if (target != null && !target.hasShapeOf(input)) {
            problems.add(
                    "/target",
                    "has shape "
                            + target.describeShape()
                            + ", but must have the shape of "
                            + shape);
        }
        if (targetClasses != null) {
            if (input.rank() == 1) {
                problems.add(
                        "/targetClasses",
                        "needs 2-D input (N x C); for 1-D input give target instead");
            } else {
                checkClassIndices(
                        "/targetClasses", targetClasses, input.rows(), input.columns(), null);
            }
        }
        if (weight != null) {
            boolean fits =
                    weight.hasShapeOf(input)
                            || (weight.rank() == 1
                                    && weight.rows() == (input.rank() == 2 ? input.columns() : 1));
            if (!fits) {
                problems.add(
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
        if (posWeight != null) {
            int expected = input.rank() == 2 ? input.columns() : input.rows();
            if (posWeight.length != expected && !(input.rank() == 1 && posWeight.length == 1)) {
                problems.add(
                        "/posWeight",
                        "has length "
                                + posWeight.length
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
