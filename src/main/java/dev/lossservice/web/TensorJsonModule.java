package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes {@link Matrix} and {@link Tensor} as nested JSON arrays straight from their flat arrays,
 * row by row, with no boxing and no copy. Boot registers every Jackson module bean with its mapper.
 */
@Component
final class TensorJsonModule extends SimpleModule {

    TensorJsonModule() {
        super("loss-service-tensors");
        addSerializer(Matrix.class, new MatrixSerializer());
        addSerializer(Tensor.class, new TensorSerializer());
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

    private static final class TensorSerializer extends StdSerializer<Tensor> {

        TensorSerializer() {
            super(Tensor.class);
        }

        @Override
        public void serialize(
                Tensor tensor, JsonGenerator generator, SerializationContext context) {
            if (tensor.rank() == 1) {
                generator.writeArray(tensor.values(), 0, tensor.rows());
            } else {
                writeRows(tensor.values(), tensor.rows(), tensor.columns(), generator);
            }
        }
    }

    private static void writeRows(double[] values, int rows, int columns, JsonGenerator generator) {
        generator.writeStartArray(values, rows);
        for (int n = 0; n < rows; n++) {
            generator.writeArray(values, n * columns, columns);
        }
        generator.writeEndArray();
    }
}
