package dev.lossservice.tensor;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.OneHotRows;
import dev.lossservice.problem.FieldProblems;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.jdk.NumberSerializers;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The tensor codec for JSON, one module: reads {@link Tensor} fields ({@link TensorReader}) and
 * class indices ({@code int[]}) straight into primitive arrays, checking them in the same pass;
 * writes {@link Matrix}, {@link Tensor} and {@code double[]} as (nested) JSON arrays straight from
 * their flat arrays, row by row, with no boxing, each row as one raw value ({@link DoubleRowText}).
 * {@link OneHotRows} is written as the dense matrix it stands for, byte for byte, without making
 * it. Boot registers every Jackson module bean with its mapper.
 *
 * <p>The readers add what they find wrong to the {@link FieldProblems} and count numbers with the
 * {@link ElementCount} that the request's reader puts in Jackson's per-call attributes; without
 * them (a tensor read outside a request) a problem throws at once.
 */
@Component
public final class TensorJsonModule extends SimpleModule {

    public TensorJsonModule() {
        super("loss-service-tensors");
        addSerializer(
                Matrix.class,
                serializer(
                        Matrix.class,
                        (matrix, generator) ->
                                writeRows(
                                        matrix.values(),
                                        matrix.rows(),
                                        matrix.columns(),
                                        generator)));
        addSerializer(
                OneHotRows.class, serializer(OneHotRows.class, TensorJsonModule::writeOneHot));
        addSerializer(Tensor.class, serializer(Tensor.class, TensorJsonModule::writeTensor));
        // Replaces Jackson's own for double[], such as each sample's probabilities.
        addSerializer(
                double[].class,
                serializer(
                        double[].class,
                        (values, generator) ->
                                new DoubleRowText().write(generator, values, 0, values.length)));
        // Replaces Jackson's own for double and Double, such as each loss: the same text.
        addSerializer(Double.class, new DoubleSerializer(Double.class));
        addSerializer(double.class, new DoubleSerializer(double.class));
        addDeserializer(
                Tensor.class, new ShapedDeserializer<>(Tensor.class, ShapeRules.ANY_TENSOR));
        addDeserializer(
                ClassIndices.class,
                new ShapedDeserializer<>(
                        ClassIndices.class,
                        new ShapeRules(
                                0, TensorShape.RANK_LIMIT - 1, false, false, ValueRule.ANY)));
        addDeserializer(
                int[].class,
                new CheckingDeserializer<int[]>() {
                    @Override
                    protected int[] read(
                            JsonParser parser, FieldProblems problems, ElementCount count) {
                        return readIndices(parser, problems, count);
                    }
                });
    }

    /**
     * Jackson's serializer of {@code double} and {@code Double} (its {@code @JsonFormat} handling,
     * type ids and schema included), writing each number through {@link DoubleValueText}.
     */
    private static final class DoubleSerializer extends NumberSerializers.DoubleSerializer {

        DoubleSerializer(Class<?> type) {
            super(type);
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
            DoubleValueText.write(generator, (Double) value);
        }
    }

    /**
     * A {@link Tensor} or {@link ClassIndices} field, read by the rules of its {@link TensorShape}
     * (the rule that only warns is the response's business): the two kinds differ only in the
     * elements {@link TensorReader} takes.
     */
    private static final class ShapedDeserializer<T> extends CheckingDeserializer<T> {

        private final Class<T> type;
        private final ShapeRules rules;

        ShapedDeserializer(Class<T> type, ShapeRules rules) {
            this.type = type;
            this.rules = rules;
        }

        @Override
        public ValueDeserializer<?> createContextual(
                DeserializationContext context, BeanProperty property) {
            TensorShape shape =
                    property == null || property.getMember() == null
                            ? null
                            : TensorShapes.declaredIn(property.getMember().annotations());
            return shape == null ? this : new ShapedDeserializer<>(type, ShapeRules.of(shape));
        }

        @Override
        protected T read(JsonParser parser, FieldProblems problems, ElementCount count) {
            boolean indices = type == ClassIndices.class;
            TensorReader reader =
                    new TensorReader(unwrapped(parser), problems, count, rules, indices);
            return type.cast(indices ? reader.readIndices() : reader.read());
        }
    }

    /**
     * A tensor holds no member names, so a delegating parser (the request's reader hides repeated
     * members with one) has nothing to add inside it: read from the parser it wraps, one call per
     * token fewer.
     */
    private static JsonParser unwrapped(JsonParser parser) {
        return parser instanceof JsonParserDelegate wrapper ? wrapper.delegate() : parser;
    }

    /**
     * Class indices: integer tokens only, since {@code 1.5} or {@code 1.0} as a class is a client
     * bug better reported than rounded.
     */
    static int[] readIndices(JsonParser parser, FieldProblems problems, ElementCount count) {
        String pointer = TensorReader.pointerOfCurrentValue(parser);
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_ARRAY) {
            problems.add(
                    pointer, "must be an array of integers, not " + TensorReader.describe(token));
            parser.skipChildren();
            return null;
        }
        int problemsBefore = problems.count();
        int[] buffer = new int[TensorReader.INITIAL_CAPACITY];
        int size = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            count.countOne();
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(size * 2, Integer.MAX_VALUE - 8));
            }
            if (token == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() == JsonParser.NumberType.INT) {
                buffer[size] = parser.getIntValue();
            } else {
                // Only here is the element's pointer needed, to name its problem.
                Integer index = readInteger(parser, problems, pointer + "/" + size);
                buffer[size] = index == null ? 0 : index;
            }
            size++;
            count.checkTensor(pointer, size);
        }
        if (size == 0) {
            problems.add(pointer, "must not be empty");
        }
        if (problems.count() > problemsBefore) {
            return null;
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    /**
     * A single integer token in the range of a Java {@code int}, at the current token; null, with a
     * problem at {@code pointer}, for anything else.
     */
    public static Integer readInteger(JsonParser parser, FieldProblems problems, String pointer) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.INT) {
                return parser.getIntValue();
            }
            problems.add(pointer, "is out of range");
            return null;
        }
        problems.add(
                pointer,
                token == JsonToken.VALUE_NUMBER_FLOAT
                        ? "must be an integer"
                        : "must be an integer, not " + TensorReader.describe(token));
        parser.skipChildren();
        return null;
    }

    /** How a client would name the kind of value a token starts ({@code "a string"}). */
    public static String describe(JsonToken token) {
        return TensorReader.describe(token);
    }

    /** The JSON Pointer of the value at the parser's current token. */
    public static String pointerOfCurrentValue(JsonParser parser) {
        return TensorReader.pointerOfCurrentValue(parser);
    }

    private static <T> StdSerializer<T> serializer(
            Class<T> type, BiConsumer<T, JsonGenerator> write) {
        return new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializationContext context) {
                write.accept(value, generator);
            }
        };
    }

    /**
     * Writes each row from one reused row of zeros with the row's value set in it, through the same
     * row writer as a matrix: the bytes of the dense matrix, signed zeros included, with C doubles
     * allocated instead of N x C.
     */
    private static void writeOneHot(OneHotRows matrix, JsonGenerator generator) {
        int[] column = matrix.column();
        double[] value = matrix.value();
        double[] row = new double[matrix.columns()];
        DoubleRowText text = new DoubleRowText();
        generator.writeStartArray(matrix, matrix.rows());
        for (int n = 0; n < matrix.rows(); n++) {
            row[column[n]] = value[n];
            text.write(generator, row, 0, row.length);
            // +0.0, as everywhere off the row's entry in the dense matrix.
            row[column[n]] = 0.0;
        }
        generator.writeEndArray();
    }

    private static void writeTensor(Tensor tensor, JsonGenerator generator) {
        if (tensor.rank() == 0) {
            generator.writeNumber(tensor.values()[0]);
        } else {
            writeNested(tensor.values(), tensor.shape(), 0, 0, generator, new DoubleRowText());
        }
    }

    /**
     * Writes dimension {@code dimension} of the tensor starting at {@code offset}; the last
     * dimension's runs of numbers go out as single raw values.
     */
    private static void writeNested(
            double[] values,
            int[] shape,
            int dimension,
            int offset,
            JsonGenerator generator,
            DoubleRowText row) {
        if (dimension == shape.length - 1) {
            row.write(generator, values, offset, shape[dimension]);
            return;
        }
        int stride = 1;
        for (int d = dimension + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        generator.writeStartArray(values, shape[dimension]);
        for (int i = 0; i < shape[dimension]; i++) {
            writeNested(values, shape, dimension + 1, offset + i * stride, generator, row);
        }
        generator.writeEndArray();
    }

    private static void writeRows(double[] values, int rows, int columns, JsonGenerator generator) {
        DoubleRowText row = new DoubleRowText();
        generator.writeStartArray(values, rows);
        for (int n = 0; n < rows; n++) {
            row.write(generator, values, n * columns, columns);
        }
        generator.writeEndArray();
    }
}
