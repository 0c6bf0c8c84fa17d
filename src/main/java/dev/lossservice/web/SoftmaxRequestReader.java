package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import dev.lossservice.web.JsonValueReader.ValueRule;
import tools.jackson.core.JsonParser;

/** Reads and checks a {@link SoftmaxRequest}. */
final class SoftmaxRequestReader extends RequestObjectReader<SoftmaxRequest> {

    private Matrix logits;
    private Double temperature;
    private Matrix upstreamGradient;

    SoftmaxRequestReader(JsonParser parser, FieldProblems problems, long maxElements) {
        super(parser, problems, maxElements);
    }

    @Override
    protected boolean readField(String name, String pointer) {
        switch (name) {
            case "logits" -> logits = values.readMatrix(pointer, ValueRule.ANY);
            case "temperature" -> {
                temperature = values.readNumber(pointer);
                if (temperature != null && !(temperature > 0)) {
                    problems.add(pointer, "must be > 0");
                }
            }
            case "upstreamGradient" -> upstreamGradient = values.readMatrix(pointer, ValueRule.ANY);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    protected SoftmaxRequest build() {
        require("logits", "an N x C array of numbers");
        if (logits != null
                && upstreamGradient != null
                && (upstreamGradient.rows() != logits.rows()
                        || upstreamGradient.columns() != logits.columns())) {
            problems.add(
                    "/upstreamGradient",
                    "has shape "
                            + upstreamGradient.rows()
                            + " x "
                            + upstreamGradient.columns()
                            + ", but logits has "
                            + logits.rows()
                            + " x "
                            + logits.columns());
        }
        return new SoftmaxRequest(
                logits, temperature == null ? 1.0 : temperature, upstreamGradient);
    }
}
