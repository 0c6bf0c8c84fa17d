package dev.lossservice.tensor;

import java.util.Arrays;

/**
 * Class indices of any rank over a flat row-major array: the {@code target} of cross-entropy and
 * NLL, {@code [N]}, {@code [N][d1]...[dk]}, or rank 0 (a bare integer) for an unbatched input. Read
 * by {@link TensorJsonModule} with the same checks as a {@link Tensor}, integers only.
 *
 * <p>A view: the array is shared, not copied.
 *
 * @param values the indices, row-major (the last index varies fastest)
 * @param shape the size of each dimension, outermost first
 */
public record ClassIndices(int[] values, int[] shape) {

    /**
     * @throws IllegalArgumentException if a dimension is negative, or the array length differs from
     *     the product of the dimensions
     */
    public ClassIndices {
        if (Tensor.size(shape) != values.length) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + Tensor.size(shape)
                            + " values, got "
                            + values.length);
        }
    }

    /** A vector of indices, {@code [N]}: what version 1 of the API takes. */
    public static ClassIndices vector(int... values) {
        return new ClassIndices(values, new int[] {values.length});
    }

    public int rank() {
        return shape.length;
    }

    /** The shape as a client reads it: {@code 3}, {@code 3 x 4}, {@code a scalar}. */
    public String describeShape() {
        return Tensor.describeShape(shape);
    }
}
