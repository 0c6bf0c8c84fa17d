package dev.lossservice.web;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.Reduction;
import dev.lossservice.web.JsonValueReader.ValueRule;
import tools.jackson.core.JsonParser;

/** Reads and checks an {@link NllRequest}. */
final class NllRequestReader extends RequestObjectReader<NllRequest> {

    private Matrix logProbabilities;
    private int[] target;
    private double[] weight;
    private Integer ignoreIndex;
    private Reduction reduction;

    NllRequestReader(JsonParser parser, FieldProblems problems, long maxElements) {
        super(parser, problems, maxElements);
    }

    @Override
    protected boolean readField(String name, String pointer) {
        switch (name) {
            case "logProbabilities" -> logProbabilities = values.readMatrix(pointer, ValueRule.ANY);
            case "target" -> target = values.readIndices(pointer);
            case "weight" -> weight = values.readVector(pointer, ValueRule.NON_NEGATIVE);
            case "ignoreIndex" -> ignoreIndex = values.readInteger(pointer);
            case "reduction" -> reduction = readReduction(pointer);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    protected NllRequest build() {
        require("logProbabilities", "an N x C array of numbers");
        require("target", "an array of N class indices");
        int ignored = ignoreIndex == null ? CrossEntropy.DEFAULT_IGNORE_INDEX : ignoreIndex;
        if (logProbabilities != null) {
            int classes = logProbabilities.columns();
            // An ignoreIndex that was given but invalid is already reported; checking the
            // targets against the default instead would add misleading problems.
            if (target != null && (ignoreIndex != null || !isPresent("ignoreIndex"))) {
                checkClassIndices("/target", target, logProbabilities.rows(), classes, ignored);
            }
            if (weight != null && weight.length != classes) {
                problems.add(
                        "/weight",
                        "has length "
                                + weight.length
                                + ", but logProbabilities has "
                                + classes
                                + " classes");
            }
        }
        return new NllRequest(
                logProbabilities,
                target,
                weight,
                ignored,
                reduction == null ? Reduction.MEAN : reduction);
    }
}
