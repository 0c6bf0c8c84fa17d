package dev.lossservice.request;

import dev.lossservice.core.Reduction;
import dev.lossservice.problem.FieldProblems;
import dev.lossservice.tensor.CheckingDeserializer;
import dev.lossservice.tensor.ElementCount;
import dev.lossservice.tensor.TensorJsonModule;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strict readers of the scalar fields of a request, where Jackson's own would coerce: a string
 * {@code "0.1"} or {@code "NaN"} into a {@code Double}, {@code 1.5} into an {@code Integer}, any
 * letter case into an enum. A value of the wrong kind adds a problem at its pointer and reads as
 * null, so the rest of the body is still checked.
 */
final class ScalarDeserializers extends SimpleModule {

    ScalarDeserializers() {
        super("loss-service-request-scalars");
        addDeserializer(Double.class, new FiniteNumber());
        addDeserializer(Integer.class, new StrictInteger());
        addDeserializer(Reduction.class, new ReductionName());
    }

    /** A single finite number. */
    private static final class FiniteNumber extends CheckingDeserializer<Double> {
        @Override
        protected Double read(JsonParser parser, FieldProblems problems, ElementCount count) {
            String pointer = TensorJsonModule.pointerOfCurrentValue(parser);
            JsonToken token = parser.currentToken();
            if (!token.isNumeric()) {
                problems.add(pointer, "must be a number, not " + TensorJsonModule.describe(token));
                parser.skipChildren();
                return null;
            }
            if (!Double.isFinite(parser.getDoubleValue())) {
                problems.add(pointer, "must be a finite number");
                return null;
            }
            return parser.getDoubleValue();
        }
    }

    /** A single integer in the range of a Java {@code int}. */
    private static final class StrictInteger extends CheckingDeserializer<Integer> {
        @Override
        protected Integer read(JsonParser parser, FieldProblems problems, ElementCount count) {
            return TensorJsonModule.readInteger(
                    parser, problems, TensorJsonModule.pointerOfCurrentValue(parser));
        }
    }

    /** {@code "mean"}, {@code "sum"} or {@code "none"}, as PyTorch spells them. */
    private static final class ReductionName extends CheckingDeserializer<Reduction> {
        @Override
        protected Reduction read(JsonParser parser, FieldProblems problems, ElementCount count) {
            String pointer = TensorJsonModule.pointerOfCurrentValue(parser);
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_STRING) {
                problems.add(pointer, "must be a string, not " + TensorJsonModule.describe(token));
                parser.skipChildren();
                return null;
            }
            return reductionNamed(parser.getString(), pointer, problems);
        }
    }

    /**
     * The reduction PyTorch spells {@code name}, exactly ({@code mean}, {@code sum}, {@code none});
     * any other name adds a problem at {@code pointer} and reads as null. Both transports, JSON and
     * multipart text parts, accept the same names through here.
     */
    static Reduction reductionNamed(String name, String pointer, FieldProblems problems) {
        return switch (name) {
            case "mean" -> Reduction.MEAN;
            case "sum" -> Reduction.SUM;
            case "none" -> Reduction.NONE;
            default -> {
                problems.add(pointer, "must be one of \"mean\", \"sum\", \"none\"");
                yield null;
            }
        };
    }
}
