package dev.lossservice.tensor;

import dev.lossservice.core.Matrix;
import java.util.Arrays;

/**
 * A tensor of any rank over a flat row-major array: what every tensor field of a request is read
 * into, and what tensors of a response are written from, by {@link TensorJsonModule}. Rank 0 is a
 * single number; a dimension may be 0.
 *
 * <p>Like {@link Matrix}, a view: the array is shared, not copied.
 *
 * @param values the elements, row-major (the last index varies fastest)
 * @param shape the size of each dimension, outermost first
 */
public record Tensor(double[] values, int[] shape) {

    /**
     * @throws IllegalArgumentException if a dimension is negative, or the array length differs from
     *     the product of the dimensions
     */
    public Tensor {
        long size = size(shape);
        if (size != values.length) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + size
                            + " values, got "
                            + values.length);
        }
    }

    /**
     * The number of elements of a shape: the product of its dimensions, 1 for rank 0.
     *
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static long size(int[] shape) {
        long size = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException(
                        "dimensions must be at least 0, got " + Arrays.toString(shape));
            }
            size *= dimension;
        }
        return size;
    }

    /**
     * The JSON Pointer of element {@code flatIndex} (row-major) of a tensor of this shape held in
     * {@code field}: {@code /target/1/0/3}; the field itself for rank 0.
     */
    public static String pointer(String field, int[] shape, long flatIndex) {
        int[] position = position(shape, flatIndex);
        StringBuilder text = new StringBuilder("/").append(field);
        for (int coordinate : position) {
            text.append('/').append(coordinate);
        }
        return text.toString();
    }

    /** The coordinates of element {@code flatIndex} (row-major) of a tensor of this shape. */
    public static int[] position(int[] shape, long flatIndex) {
        int[] position = new int[shape.length];
        long rest = flatIndex;
        for (int d = shape.length - 1; d >= 0; d--) {
            position[d] = (int) (rest % shape[d]);
            rest /= shape[d];
        }
        return position;
    }

    /** A vector over the whole array. */
    public static Tensor vector(double[] values) {
        return new Tensor(values, new int[] {values.length});
    }

    /** The same numbers in the same shape. */
    public static Tensor of(Matrix matrix) {
        return new Tensor(matrix.values(), new int[] {matrix.rows(), matrix.columns()});
    }

    public int rank() {
        return shape.length;
    }

    /** Size of dimension 0: N. */
    public int rows() {
        return shape[0];
    }

    /** Size of the last dimension, 1 for a vector: C for a matrix. */
    public int columns() {
        return shape.length >= 2 ? shape[shape.length - 1] : 1;
    }

    /**
     * This vector or matrix as the core sees it: an N-vector as N x 1.
     *
     * @throws IllegalStateException if the rank is not 1 or 2
     */
    public Matrix toMatrix() {
        if (shape.length != 1 && shape.length != 2) {
            throw new IllegalStateException("a matrix has rank 1 or 2, not " + shape.length);
        }
        return new Matrix(rows(), columns(), values);
    }

    /** The shape as a client reads it: {@code 3}, {@code 3 x 4}, {@code a scalar}. */
    public String describeShape() {
        return describeShape(shape);
    }

    /** A shape as a client reads it: {@code 3}, {@code 3 x 4}, {@code a scalar}. */
    public static String describeShape(int[] shape) {
        if (shape.length == 0) {
            return "a scalar";
        }
        StringBuilder text = new StringBuilder().append(shape[0]);
        for (int i = 1; i < shape.length; i++) {
            text.append(" x ").append(shape[i]);
        }
        return text.toString();
    }

    public boolean hasShapeOf(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }
}
