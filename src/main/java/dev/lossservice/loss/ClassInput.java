package dev.lossservice.loss;

import dev.lossservice.core.ClassShape;
import dev.lossservice.tensor.Tensor;
import java.util.Arrays;

/**
 * The input of cross-entropy or NLL seen as PyTorch sees it: {@code [C]} (unbatched), {@code
 * [N][C]}, or {@code [N][C][d1]...[dk]} with the classes in dimension 1; {@code []} is a batch of
 * 0. Decides the shape of the per-position losses, which is the shape of class-index targets and of
 * an upstream gradient with reduction none.
 *
 * @param shape the input's shape
 * @param classShape the input as the core takes it
 * @param lossShape the shape of the per-position losses: {@code []} unbatched, {@code [N, d1, ...,
 *     dk]} otherwise
 */
public record ClassInput(int[] shape, ClassShape classShape, int[] lossShape) {

    /** The input tensor's reading; its rank is at least 1 (its field's {@code TensorShape}). */
    public static ClassInput of(Tensor input) {
        int[] shape = input.shape();
        if (shape.length == 1 && shape[0] == 0) {
            return new ClassInput(shape, new ClassShape(0, 1, 1), new int[] {0});
        }
        if (shape.length == 1) {
            return new ClassInput(shape, new ClassShape(1, shape[0], 1), new int[0]);
        }
        int inner = 1;
        for (int d = 2; d < shape.length; d++) {
            inner = Math.multiplyExact(inner, shape[d]);
        }
        int[] lossShape = new int[shape.length - 1];
        lossShape[0] = shape[0];
        System.arraycopy(shape, 2, lossShape, 1, shape.length - 2);
        return new ClassInput(shape, new ClassShape(shape[0], shape[1], inner), lossShape);
    }

    /** {@code [C]}: one sample, a 0-d target. */
    public boolean unbatched() {
        return lossShape.length == 0;
    }

    /** A batch of 0 samples ({@code []}): the number of classes is unknown. */
    public boolean empty() {
        return classShape.batch() == 0;
    }

    /** Version 1's shape, {@code [N][C]}: samples carry no position. */
    public boolean isMatrix() {
        return shape.length == 2;
    }

    /**
     * The coordinates of position {@code p} (row-major) in the loss shape; {@code []} unbatched.
     */
    public int[] position(int p) {
        return Tensor.position(lossShape, p);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassInput input
                && Arrays.equals(shape, input.shape)
                && Arrays.equals(lossShape, input.lossShape);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "ClassInput" + Arrays.toString(shape);
    }
}
