package dev.lossservice.core;

/**
 * A dense {@code rows x columns} matrix of doubles stored row-major in one flat array: element
 * {@code (n, c)} is {@code values[n * columns + c]}.
 *
 * <p>The array is shared, not copied: a {@code Matrix} is a view with a shape. Equality is identity
 * of the array, as for any record holding an array.
 *
 * @param rows number of rows (the batch size {@code N}), at least 1
 * @param columns number of columns (classes {@code C}), at least 1
 * @param values row-major elements, of length {@code rows * columns}
 */
public record Matrix(int rows, int columns, double[] values) {

    /**
     * @throws IllegalArgumentException if a dimension is below 1 or the array length differs from
     *     {@code rows * columns}
     * @throws NullPointerException if {@code values} is null
     */
    public Matrix {
        ArgumentChecks.requireShape(rows, columns);
        ArgumentChecks.requireElements(values.length, rows, columns);
    }

    /** A new zero-filled matrix of the given shape. */
    public static Matrix zeros(int rows, int columns) {
        return new Matrix(rows, columns, new double[Math.multiplyExact(rows, columns)]);
    }

    /** Element {@code (row, column)}. */
    public double get(int row, int column) {
        return values[row * columns + column];
    }

    /** Number of elements, {@code rows * columns}. */
    public int size() {
        return values.length;
    }
}
