package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.OneHotRows;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes {@link Matrix}, {@link Tensor} and {@code double[]} as (nested) JSON arrays straight from
 * their flat arrays, row by row, with no boxing, each row as one raw value ({@link DoubleRowText}).
 * {@link OneHotRows} is written as the dense matrix it stands for, byte for byte, without making
 * it. Boot registers every Jackson module bean with its mapper.
 */
@Component
final class TensorJsonModule extends SimpleModule {

    TensorJsonModule() {
        super("loss-service-tensors");
        addSerializer(Matrix.class, new MatrixSerializer());
        addSerializer(OneHotRows.class, new OneHotRowsSerializer());
        addSerializer(Tensor.class, new TensorSerializer());
        addSerializer(double[].class, new DoubleArraySerializer());
    }

    private static final class MatrixSerializer extends StdSerializer<Matrix> {

        MatrixSerializer() {
            super(Matrix.class);
        }

        @Override
        public void serialize(
                Matrix matrix, JsonGenerator generator, SerializationContext context) {
            writeRows(matrix.values(), matrix.rows(), matrix.columns(), generator);
        }
    }

    /**
     * Writes each row from one reused row of zeros with the row's value set in it, through the same
     * row writer as {@link MatrixSerializer}: the bytes of the dense matrix, signed zeros included,
     * with C doubles allocated instead of N x C.
     */
    private static final class OneHotRowsSerializer extends StdSerializer<OneHotRows> {

        OneHotRowsSerializer() {
            super(OneHotRows.class);
        }

        @Override
        public void serialize(
                OneHotRows matrix, JsonGenerator generator, SerializationContext context) {
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
    }

    private static final class TensorSerializer extends StdSerializer<Tensor> {

        TensorSerializer() {
            super(Tensor.class);
        }

        @Override
        public void serialize(
                Tensor tensor, JsonGenerator generator, SerializationContext context) {
            if (tensor.rank() == 1) {
                new DoubleRowText().write(generator, tensor.values(), 0, tensor.rows());
            } else {
                writeRows(tensor.values(), tensor.rows(), tensor.columns(), generator);
            }
        }
    }

    /** Replaces Jackson's own for {@code double[]}, such as each sample's probabilities. */
    private static final class DoubleArraySerializer extends StdSerializer<double[]> {

        DoubleArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(
                double[] values, JsonGenerator generator, SerializationContext context) {
            new DoubleRowText().write(generator, values, 0, values.length);
        }
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
