package dev.lossservice.request;

import dev.lossservice.core.Reduction;
import dev.lossservice.problem.FieldProblems;
import dev.lossservice.tensor.TensorJsonModule;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
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
    private static final class FiniteNumber extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) {
            FieldProblems problems = TensorJsonModule.problems(context);
            String pointer = TensorJsonModule.pointerOfCurrentValue(parser);
            JsonToken token = parser.currentToken();
            Double value = null;
            if (!token.isNumeric()) {
                problems.add(pointer, "must be a number, not " + TensorJsonModule.describe(token));
                parser.skipChildren();
            } else if (!Double.isFinite(parser.getDoubleValue())) {
                problems.add(pointer, "must be a finite number");
            } else {
                value = parser.getDoubleValue();
            }
            TensorJsonModule.throwIfStandalone(context, problems);
            return value;
        }
    }

    /** A single integer in the range of a Java {@code int}. */
    private static final class StrictInteger extends ValueDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) {
            FieldProblems problems = TensorJsonModule.problems(context);
            Integer value =
                    TensorJsonModule.readInteger(
                            parser, problems, TensorJsonModule.pointerOfCurrentValue(parser));
            TensorJsonModule.throwIfStandalone(context, problems);
            return value;
        }
    }

    /** {@code "mean"}, {@code "sum"} or {@code "none"}, as PyTorch spells them. */
    private static final class ReductionName extends ValueDeserializer<Reduction> {
        @Override
        public Reduction deserialize(JsonParser parser, DeserializationContext context) {
            FieldProblems problems = TensorJsonModule.problems(context);
            String pointer = TensorJsonModule.pointerOfCurrentValue(parser);
            JsonToken token = parser.currentToken();
            Reduction value = null;
            if (token != JsonToken.VALUE_STRING) {
                problems.add(pointer, "must be a string, not " + TensorJsonModule.describe(token));
                parser.skipChildren();
            } else {
                value =
                        switch (parser.getString()) {
                            case "mean" -> Reduction.MEAN;
                            case "sum" -> Reduction.SUM;
                            case "none" -> Reduction.NONE;
                            default -> {
                                problems.add(pointer, "must be one of \"mean\", \"sum\", \"none\"");
                                yield null;
                            }
                        };
            }
            TensorJsonModule.throwIfStandalone(context, problems);
            return value;
        }
    }
}
