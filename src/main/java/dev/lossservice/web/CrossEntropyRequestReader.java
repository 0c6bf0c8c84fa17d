package dev.lossservice.web;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.Reduction;
import dev.lossservice.web.JsonValueReader.ValueRule;
import tools.jackson.core.JsonParser;

/** Reads and checks a {@link CrossEntropyRequest}. */
final class CrossEntropyRequestReader extends RequestObjectReader<CrossEntropyRequest> {

    private Matrix logits;
    private int[] target;
    private Matrix targetProbabilities;
    private double[] weight;
    private Integer ignoreIndex;
    private Double labelSmoothing;
    private Reduction reduction;

    CrossEntropyRequestReader(JsonParser parser, FieldProblems problems, long maxElements) {
        super(parser, problems, maxElements);
    }

    @Override
    protected boolean readField(String name, String pointer) {
        switch (name) {
            case "logits" -> logits = values.readMatrix(pointer, ValueRule.ANY);
            case "target" -> target = values.readIndices(pointer);
            case "targetProbabilities" ->
                    targetProbabilities = values.readMatrix(pointer, ValueRule.UNIT_INTERVAL);
            case "weight" -> weight = values.readVector(pointer, ValueRule.NON_NEGATIVE);
            case "ignoreIndex" -> ignoreIndex = values.readInteger(pointer);
            case "labelSmoothing" -> {
                labelSmoothing = values.readNumber(pointer);
                if (labelSmoothing != null && !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
                    problems.add(pointer, "must be in [0, 1]");
                }
            }
            case "reduction" -> reduction = readReduction(pointer);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    protected CrossEntropyRequest build() {
        require("logits", "an N x C array of numbers");
        requireExactlyOne("target", "targetProbabilities");
        if (isPresent("ignoreIndex") && isPresent("targetProbabilities")) {
            problems.add("/ignoreIndex", "applies only with target, not with targetProbabilities");
        }
        int ignored = ignoreIndex == null ? CrossEntropy.DEFAULT_IGNORE_INDEX : ignoreIndex;
        if (logits != null) {
            int rows = logits.rows();
            int classes = logits.columns();
            // An ignoreIndex that was given but invalid is already reported; checking the
            // targets against the default instead would add misleading problems.
            if (target != null && (ignoreIndex != null || !isPresent("ignoreIndex"))) {
                checkClassIndices("/target", target, rows, classes, ignored);
            }
            if (targetProbabilities != null
                    && (targetProbabilities.rows() != rows
                            || targetProbabilities.columns() != classes)) {
                problems.add(
                        "/targetProbabilities",
                        "has shape "
                                + targetProbabilities.rows()
                                + " x "
                                + targetProbabilities.columns()
                                + ", but logits has "
                                + rows
                                + " x "
                                + classes);
            }
            if (weight != null && weight.length != classes) {
                problems.add(
                        "/weight",
                        "has length " + weight.length + ", but logits has " + classes + " classes");
            }
        }
        return new CrossEntropyRequest(
                logits,
                target,
                targetProbabilities,
                weight,
                ignored,
                labelSmoothing == null ? 0.0 : labelSmoothing,
                reduction == null ? Reduction.MEAN : reduction);
    }
}
