package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import java.util.Arrays;

/**
 * A vector or matrix over a flat row-major array: what the BCE endpoint takes and returns, where
 * the same field may be 1-D or 2-D. Written to JSON as (nested) arrays without boxing, by {@link
 * TensorJsonModule}.
 *
 * <p>Like {@link Matrix}, a view: the array is shared, not copied.
 *
 * @param values the elements, row-major
 * @param shape {@code [N]} or {@code [N, C]}
 */
public record Tensor(double[] values, int[] shape) {

    /**
     * @throws IllegalArgumentException if the rank is not 1 or 2, a dimension is below 1, or the
     *     array length differs from the product of the dimensions
     */
    public Tensor {
        if (shape.length != 1 && shape.length != 2) {
            throw new IllegalArgumentException("rank must be 1 or 2, got " + shape.length);
        }
        long size = 1;
        for (int dimension : shape) {
            if (dimension < 1) {
                throw new IllegalArgumentException(
                        "dimensions must be at least 1, got " + Arrays.toString(shape));
            }
            size *= dimension;
        }
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

    /** A vector over the whole array. */
    static Tensor vector(double[] values) {
        return new Tensor(values, new int[] {values.length});
    }

    /** The same numbers in the same shape. */
    static Tensor of(Matrix matrix) {
        return new Tensor(matrix.values(), new int[] {matrix.rows(), matrix.columns()});
    }

    int rank() {
        return shape.length;
    }

    /** Number of rows: N. */
    int rows() {
        return shape[0];
    }

    /** Number of columns: 1 for a vector, C for a matrix. */
    int columns() {
        return shape.length == 2 ? shape[1] : 1;
    }

    /** This vector or matrix as the core sees it: an N-vector as N x 1. */
    Matrix toMatrix() {
        return new Matrix(rows(), columns(), values);
    }

    /** The shape as a client reads it: {@code 3}, {@code 3 x 4}. */
    String describeShape() {
        return shape.length == 2 ? shape[0] + " x " + shape[1] : String.valueOf(shape[0]);
    }

    boolean hasShapeOf(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }
}
