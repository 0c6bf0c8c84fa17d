package dev.lossservice.core;

import java.util.Objects;

/**
 * A {@code rows x columns} matrix with at most one non-zero per row: row {@code n} holds {@code
 * value[n]} at column {@code column[n]} and {@code 0.0} everywhere else, i.e. a scaled one-hot
 * vector per row.
 *
 * <p>It exists because the NLL gradient has exactly this shape ({@code -w[t_n] * scale} at column
 * {@code t_n}): kept as a dense {@link Matrix} it costs N x C doubles (8 MB at 1024 x 1000) that
 * are almost all zero, and allocating and zeroing them was most of the time of {@link
 * NegativeLogLikelihood}. This form is exact: {@link #get} and {@link #toMatrix} give bit for bit
 * the dense matrix, signed zeros included. The zeros off the stored entries are {@code +0.0}; a
 * stored value keeps its sign, so a row whose value is {@code -0.0} has {@code -0.0} at its column.
 * A row that is zero throughout is stored as {@code +0.0} at any column in range.
 *
 * <p>Like {@link Matrix}, a view: the arrays are shared, not copied, and must not be modified after
 * construction. Equality is identity of the arrays, as for any record holding arrays.
 *
 * @param rows number of rows, at least 1
 * @param columns number of columns, at least 1
 * @param column the column of each row's entry, each in {@code [0, columns)}, of length {@code
 *     rows}
 * @param value each row's entry, of length {@code rows}
 */
public record OneHotRows(int rows, int columns, int[] column, double[] value) {

    /**
     * @throws IllegalArgumentException if a dimension is below 1, an array's length is not {@code
     *     rows}, or a column is outside {@code [0, columns)}
     * @throws NullPointerException if an array is null
     */
    public OneHotRows {
        ArgumentChecks.requireShape(rows, columns);
        ArgumentChecks.requireOneEntryPerRow(column.length, value.length, rows);
        for (int n = 0; n < rows; n++) {
            ArgumentChecks.requireIndex(column[n], columns, "column", n);
        }
    }

    /**
     * Element {@code (row, column)}: the row's value at its column, {@code +0.0} elsewhere.
     *
     * @throws IndexOutOfBoundsException if the row or column is out of range
     */
    public double get(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        return column == this.column[row] ? value[row] : 0.0;
    }

    /** The same numbers as a new dense matrix; allocates {@code rows * columns} doubles. */
    public Matrix toMatrix() {
        Matrix dense = Matrix.zeros(rows, columns);
        double[] values = dense.values();
        for (int n = 0; n < rows; n++) {
            values[n * columns + column[n]] = value[n];
        }
        return dense;
    }
}
