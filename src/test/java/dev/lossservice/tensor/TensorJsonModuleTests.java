package dev.lossservice.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.lossservice.core.Matrix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The module writes rows as raw values ({@link DoubleRowText}) for speed: its output must be, byte
 * for byte, what Jackson's own array writing gives for the same numbers, and its single doubles
 * ({@link DoubleValueText}) what Jackson's own number writing gives. The expected text in every
 * test comes from a mapper without the module writing the same values as {@code double[]}, {@code
 * double[][]}, {@code double} or {@code Double}.
 */
class TensorJsonModuleTests {

    /** Text of doubles at the edges of Double.toString's formats, and of the double range. */
    private static final double[] EDGES = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        1e-3,
        0.0009999999999999998,
        1e7,
        9999999.999999998,
        1e21,
        1e22,
        123456789012345678.0,
        Double.MIN_VALUE,
        -Double.MIN_VALUE,
        Double.MIN_NORMAL,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        2.2250738585072014E-308,
        -2.2250738585072014E-308,
        Math.PI,
        Math.E,
        1.0 / 3,
        2.0373472850337726
    };

    static Stream<Arguments> mappers() {
        return Stream.of(
                Arguments.of("fast double writer (the application's setting)", true, false),
                Arguments.of("JDK double writer", false, false),
                Arguments.of("indented output (falls back to Jackson's writing)", true, true));
    }

    private static JsonMapper mapper(boolean fastWriter, boolean indent, boolean withModule) {
        JsonMapper.Builder builder =
                JsonMapper.builder()
                        .configure(StreamWriteFeature.USE_FAST_DOUBLE_WRITER, fastWriter)
                        .configure(SerializationFeature.INDENT_OUTPUT, indent);
        if (withModule) {
            builder.addModule(new TensorJsonModule());
        }
        return builder.build();
    }

    /**
     * What the mapper writes for {@code value} through both of Jackson's JSON generators: into
     * chars (a {@code String}) and into bytes (a stream, as the HTTP responses are written).
     */
    private static String written(JsonMapper mapper, Object value) {
        return mapper.writeValueAsString(value)
                + "\n"
                + new String(mapper.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }

    /** Doubles of every magnitude and sign: uniformly random bit patterns, NaN and infinity out. */
    private static double[] randomDoubles(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            double value;
            do {
                value = Double.longBitsToDouble(random.nextLong());
            } while (!Double.isFinite(value));
            values[i] = value;
        }
        return values;
    }

    private static double[][] rows(double[] values, int rows, int columns) {
        double[][] nested = new double[rows][columns];
        for (int n = 0; n < rows; n++) {
            System.arraycopy(values, n * columns, nested[n], 0, columns);
        }
        return nested;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappers")
    void matrixIsWrittenAsJacksonWritesTheSameRows(
            String name, boolean fastWriter, boolean indent) {
        // 37 x 1000: rows longer than the generator's 8000-byte buffer, which take the copy path.
        double[] values = randomDoubles(4, 37 * 1000);
        Matrix matrix = new Matrix(37, 1000, values);

        String written = written(mapper(fastWriter, indent, true), matrix);

        assertThat(written)
                .isEqualTo(written(mapper(fastWriter, indent, false), rows(values, 37, 1000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappers")
    void shortRowsAreWrittenAsJacksonWritesThem(String name, boolean fastWriter, boolean indent) {
        // 3-number rows fit the generator's buffer and go straight into it; 5000 of them cross
        // its end many times.
        double[] values = randomDoubles(5, 5000 * 3);
        Matrix matrix = new Matrix(5000, 3, values);

        String written = written(mapper(fastWriter, indent, true), matrix);

        assertThat(written)
                .isEqualTo(written(mapper(fastWriter, indent, false), rows(values, 5000, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappers")
    void edgeValuesAreWrittenAsJacksonWritesThem(String name, boolean fastWriter, boolean indent) {
        String written = written(mapper(fastWriter, indent, true), EDGES);

        assertThat(written)
                .isEqualTo(written(mapper(fastWriter, indent, false), EDGES))
                .contains("4.9E-324", "1.7976931348623157E308", "-0.0", "0.001", "1.0E7");
    }

    @Test
    void rowWithNonFiniteValueFallsBackToJacksonsOwnRules() {
        double[] values = {1.5, Double.NaN, Double.POSITIVE_INFINITY, -2.0};

        String written = written(mapper(true, false, true), values);

        assertThat(written).isEqualTo(written(mapper(true, false, false), values));
    }

    @Test
    void emptyArrayIsWrittenAsEmptyArray() {
        assertThat(written(mapper(true, false, true), new double[0])).isEqualTo("[]\n[]");
    }

    @Test
    void tensorOfRankOneIsWrittenAsOneArray() {
        double[] values = randomDoubles(6, 1000);

        String written =
                written(mapper(true, false, true), new Tensor(values, new int[] {values.length}));

        assertThat(written).isEqualTo(written(mapper(true, false, false), values));
    }

    /** Both kinds of double member, as the response records hold them, beside a row. */
    record Scalars(double primitive, Double boxed, double[] row) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappers")
    void singleDoublesAreWrittenAsJacksonWritesThem(
            String name, boolean fastWriter, boolean indent) {
        List<Scalars> scalars = new ArrayList<>();
        for (double value : EDGES) {
            scalars.add(new Scalars(value, -value, new double[] {value}));
        }
        // 3000 records cross the end of the generator's 8000-byte buffer many times.
        for (double value : randomDoubles(7, 3000)) {
            scalars.add(new Scalars(value, -value, new double[] {value}));
        }
        for (double value :
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            scalars.add(new Scalars(value, value, new double[] {value}));
        }
        scalars.add(new Scalars(1.5, null, new double[0]));

        String written = written(mapper(fastWriter, indent, true), scalars);

        assertThat(written)
                .isEqualTo(written(mapper(fastWriter, indent, false), scalars))
                .contains("4.9E-324", "null");
    }

    record Formatted(@JsonFormat(shape = JsonFormat.Shape.STRING) double value) {}

    @Test
    void doubleFormattedAsStringKeepsJacksonsFormat() {
        Formatted formatted = new Formatted(0.1);

        assertThat(written(mapper(true, false, true), formatted))
                .isEqualTo(written(mapper(true, false, false), formatted))
                .isEqualTo("{\"value\":\"0.1\"}\n{\"value\":\"0.1\"}");
    }
}
