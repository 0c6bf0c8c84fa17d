package dev.lossservice.core;

import java.util.Arrays;

/**
 * Shapes of tensors over flat row-major arrays, and NumPy/PyTorch broadcasting of one tensor to
 * another's shape.
 *
 * <p>A shape {@code s} broadcasts to {@code t} when {@code s} has no more dimensions than {@code t}
 * and, aligned from the last dimension, each size of {@code s} is 1 or equals that of {@code t}
 * (missing leading dimensions count as 1). A 0-d shape (a scalar) broadcasts to every shape.
 */
public final class Shapes {

    private Shapes() {}

    /** The number of elements of a tensor of {@code shape}: the product of its sizes, 1 for 0-d. */
    public static int size(int[] shape) {
        long size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " has more than 2^31 - 1 elements");
        }
        return (int) size;
    }

    /** Whether a tensor of {@code shape} broadcasts to {@code target} (see the class comment). */
    public static boolean broadcastsTo(int[] shape, int[] target) {
        if (shape.length > target.length) {
            return false;
        }
        int offset = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1 && shape[i] != target[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code values} of {@code shape} broadcast to {@code target}, flat row-major: the array itself
     * when the shapes have the same sizes, else a new array of {@link #size(int[]) size(target)}
     * elements.
     *
     * @throws IllegalArgumentException if {@code shape} does not broadcast to {@code target}, or
     *     {@code values} does not have its size
     */
    public static double[] broadcast(double[] values, int[] shape, int[] target, String name) {
        if (!broadcastsTo(shape, target)) {
            throw new IllegalArgumentException(
                    name
                            + " of shape "
                            + Arrays.toString(shape)
                            + " does not broadcast to "
                            + Arrays.toString(target));
        }
        if (values.length != size(shape)) {
            throw new IllegalArgumentException(
                    name
                            + " has "
                            + values.length
                            + " values, shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + size(shape));
        }
        int size = size(target);
        if (values.length == size) {
            // Same size: the sizes that differ are all 1 against 1 or padding, so the order agrees.
            return values;
        }
        int rank = target.length;
        int offset = rank - shape.length;
        // The stride of each target dimension in values: 0 where the tensor is broadcast.
        int[] strides = new int[rank];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[offset + i] = shape[i] == 1 ? 0 : stride;
            stride *= shape[i];
        }
        double[] out = new double[size];
        int[] index = new int[rank];
        int source = 0;
        for (int i = 0; i < size; i++) {
            out[i] = values[source];
            // Odometer over the target's indices, moving the source by the strides.
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                source += strides[d];
                if (index[d] < target[d]) {
                    break;
                }
                source -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return out;
    }

    /**
     * Whether {@code shape}, broadcast to {@code target} (rank at least 1), varies along the last
     * dimension only: every size but the last is 1, and the last equals {@code target}'s last.
     */
    static boolean alongLastOnly(int[] shape, int[] target) {
        if (shape.length == 0 || target.length == 0) {
            return false;
        }
        for (int i = 0; i < shape.length - 1; i++) {
            if (shape[i] != 1) {
                return false;
            }
        }
        return shape[shape.length - 1] == target[target.length - 1];
    }

    /**
     * {@code axis} of a tensor of {@code rank}, counted from 0, with a negative axis counted from
     * the end as PyTorch does; a 0-d tensor takes axes -1 and 0.
     *
     * @throws IllegalArgumentException {@code "dim <axis> is out of range [-r, r - 1]"} (with
     *     {@code r = max(rank, 1)})
     */
    public static int axis(int axis, int rank) {
        int r = Math.max(rank, 1);
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException(
                    "dim " + axis + " is out of range [" + -r + ", " + (r - 1) + "]");
        }
        return axis < 0 ? axis + r : axis;
    }
}
