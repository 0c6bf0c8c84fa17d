package dev.lossservice.core;

/**
 * The core's argument checks, in one place, as Commons Statistics' {@code ArgumentUtils}: each
 * throws {@link IllegalArgumentException} with the message its javadoc gives, word for word, and
 * every comparison is written so that NaN fails it ({@code !(x >= 0)}, never {@code x < 0}).
 *
 * <p>Names in the messages are the parameters' names in the core's API ({@code weight}, {@code
 * posWeight}, {@code target}), so that a message points at the argument to fix.
 */
final class ArgumentChecks {

    private ArgumentChecks() {}

    /** {@code "shape must be at least 1 x 1, got <rows> x <columns>"}. */
    static void requireShape(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException(
                    "shape must be at least 1 x 1, got " + rows + " x " + columns);
        }
    }

    /** {@code "values has length <length>, shape <rows> x <columns> needs <rows * columns>"}. */
    static void requireElements(int length, int rows, int columns) {
        long needed = (long) rows * columns;
        if (length != needed) {
            throw new IllegalArgumentException(
                    "values has length "
                            + length
                            + ", shape "
                            + rows
                            + " x "
                            + columns
                            + " needs "
                            + needed);
        }
    }

    /**
     * {@code "<name> shape <r> x <c> differs from <otherName> <r'> x <c'>"}, unless both have the
     * same shape.
     */
    static void requireSameShape(Matrix matrix, String name, Matrix other, String otherName) {
        if (matrix.rows() != other.rows() || matrix.columns() != other.columns()) {
            throw new IllegalArgumentException(
                    name
                            + " shape "
                            + matrix.rows()
                            + " x "
                            + matrix.columns()
                            + " differs from "
                            + otherName
                            + " "
                            + other.rows()
                            + " x "
                            + other.columns());
        }
    }

    /** {@code "column and value need length <rows>, got <columnLength> and <valueLength>"}. */
    static void requireOneEntryPerRow(int columnLength, int valueLength, int rows) {
        if (columnLength != rows || valueLength != rows) {
            throw new IllegalArgumentException(
                    "column and value need length "
                            + rows
                            + ", got "
                            + columnLength
                            + " and "
                            + valueLength);
        }
    }

    /** {@code "<name> has length <length>, input has <rows> rows"}: one value per sample. */
    static void requireOnePerRow(int length, String name, int rows) {
        if (length != rows) {
            throw new IllegalArgumentException(
                    name + " has length " + length + ", input has " + rows + " rows");
        }
    }

    /**
     * {@code "<name> has length <length>, expected <columns> classes"}: one value per class, or
     * none ({@code values} null).
     */
    static void requireOnePerClass(double[] values, String name, int columns) {
        if (values != null && values.length != columns) {
            throw new IllegalArgumentException(
                    name + " has length " + values.length + ", expected " + columns + " classes");
        }
    }

    /**
     * {@code "<name> has length <length>, expected <columns> (per class) or <size> (per element)"},
     * or none ({@code values} null).
     */
    static void requirePerClassOrPerElement(double[] values, String name, int columns, int size) {
        if (values != null && values.length != columns && values.length != size) {
            throw new IllegalArgumentException(
                    name
                            + " has length "
                            + values.length
                            + ", expected "
                            + columns
                            + " (per class) or "
                            + size
                            + " (per element)");
        }
    }

    /** {@code "<name> applies only to <where>"}, unless {@code values} is null (absent). */
    static void requireAbsent(double[] values, String name, String where) {
        if (values != null) {
            throw new IllegalArgumentException(name + " applies only to " + where);
        }
    }

    /** {@code "<name>[<position>] = <value> is outside [0, <bound>)"}. */
    static void requireIndex(int value, int bound, String name, int position) {
        if (value < 0 || value >= bound) {
            throw new IllegalArgumentException(
                    name + "[" + position + "] = " + value + " is outside [0, " + bound + ")");
        }
    }

    /** {@code "<name> must be finite and > 0, got <value>"}; NaN and infinity fail. */
    static void requireFinitePositive(double value, String name) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }

    /**
     * {@code "<name>[<i>] must be finite and >= 0, got <value>"} for the first element that is not;
     * nothing for a null array (an absent option).
     */
    static void requireFiniteNonNegative(double[] values, String name) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0) || values[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be finite and >= 0, got " + values[i]);
            }
        }
    }

    /**
     * {@code "<name>[<i>] must be finite, got <value>"} for the first element that is not; nothing
     * for a null array (an absent option).
     */
    static void requireFinite(double[] values, String name) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be finite, got " + values[i]);
            }
        }
    }

    /** {@code "<name>[<index>] must be finite, got <value>"}. */
    static void requireFinite(double value, String name, int index) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    name + "[" + index + "] must be finite, got " + value);
        }
    }

    /** {@code "<name> must be in [0, 1], got <value>"}; NaN fails. */
    static void requireUnitInterval(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    /** {@code "<name>[<index>] must be in [0, 1], got <value>"}; NaN fails. */
    static void requireUnitInterval(double value, String name, int index) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(
                    name + "[" + index + "] must be in [0, 1], got " + value);
        }
    }
}
