package dev.lossservice.tensor;

import dev.lossservice.problem.FieldProblems;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The tensor codec for NumPy's {@code .npy} format: reads one file, held in memory, into the same
 * {@link Tensor} (or class-index {@code int[]}) that {@link TensorJsonModule} reads from JSON, with
 * the same checks: the field's ranks and value rule from its {@link TensorShape}, not empty, only
 * finite numbers, and the element limits.
 *
 * <p>Order of the checks, so that no untrusted number sizes an allocation: the header ({@link
 * NpyHeader}: magic, version, length, dictionary); the dtype against the field's kind (floats for
 * numbers, integers or booleans for class indices); the rank; the element count, with overflow
 * checks, against the bytes that actually follow the header; then the element limits ({@link
 * ElementCount}, 413 past them); only then the array is made and filled. Fortran-ordered data is
 * put in row-major order; big-endian data is swapped; float32 values are widened exactly.
 *
 * <p>A file that breaks a rule adds one problem at the field's pointer ({@code /logits}); a value
 * that is not finite or breaks the value rule adds a problem at its element, as for JSON ({@code
 * /logits/1/3}); the result is then null.
 */
public final class NpyReader {

    private NpyReader() {}

    private static final VarHandle LITTLE_ENDIAN_DOUBLES =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    /** Class indices with no annotation: a non-empty 1-D array. */
    private static final ShapeRules ONE_DIMENSION =
            new ShapeRules(1, 1, false, false, ValueRule.ANY);

    /**
     * Reads a field of {@code kind} from the {@code .npy} file in {@code bytes[offset, offset +
     * length)}: a {@link Tensor} of numbers, each finite and within the value rule, or {@link
     * ClassIndices}, an array of integers or booleans whose 64-bit values outside the {@code int}
     * range are refused at their index.
     *
     * @param kind {@code Tensor.class} or {@code ClassIndices.class}
     * @param shape the field's constraint; null for any rank up to {@link TensorShape#RANK_LIMIT}
     *     (a tensor) or a non-empty 1-D array (class indices)
     * @param pointer the field's JSON Pointer, e.g. {@code /logits}
     * @return the value, or null if the file had a problem (added to {@code problems})
     * @throws dev.lossservice.limits.LimitExceededException past an element limit
     * @throws IllegalArgumentException if {@code kind} is neither
     */
    public static <T> T read(
            Class<T> kind,
            byte[] bytes,
            int offset,
            int length,
            TensorShape shape,
            String pointer,
            FieldProblems problems,
            ElementCount count) {
        if (kind != Tensor.class && kind != ClassIndices.class) {
            throw new IllegalArgumentException("not a tensor kind: " + kind);
        }
        boolean numbers = kind == Tensor.class;
        ShapeRules rules =
                shape != null
                        ? ShapeRules.of(shape)
                        : numbers ? ShapeRules.ANY_TENSOR : ONE_DIMENSION;
        Layout layout = layout(bytes, offset, length, numbers, rules, pointer, problems);
        if (layout == null) {
            return null;
        }
        count.countTensor(pointer, layout.size());
        // Unlike JSON, a .npy file keeps every size of an empty tensor, (0, 10) included.
        if (!rules.emptyDimensions() && !rules.fits(layout.shape())) {
            problems.add(pointer, "must not be empty");
            return null;
        }
        int start = offset + layout.header().dataOffset();
        int problemsBefore = problems.count();
        if (!numbers) {
            int[] indices =
                    indices(
                            bytes,
                            start,
                            length - layout.header().dataOffset(),
                            layout,
                            pointer,
                            problems);
            return problems.count() > problemsBefore
                    ? null
                    : kind.cast(new ClassIndices(indices, layout.shape()));
        }
        ValueRule rule = rules.values();
        double[] values;
        if (layout.dtype() == NpyDtype.FLOAT64_LITTLE && isRowMajor(layout)) {
            // The common case of a large file: decoded and checked in one pass over the bytes.
            // The view is a constant here, as C2 needs it to be to compile each get to one load.
            values = new double[layout.size()];
            for (int i = 0; i < values.length; i++) {
                double value = (double) LITTLE_ENDIAN_DOUBLES.get(bytes, start + 8 * i);
                values[i] = value;
                if (!Double.isFinite(value) || !rule.accepts(value)) {
                    refuse(value, i, rule, pointer, layout, problems);
                }
            }
        } else {
            values = floats(bytes, start, layout);
            for (int i = 0; i < values.length; i++) {
                double value = values[i];
                if (!Double.isFinite(value) || !rule.accepts(value)) {
                    refuse(value, i, rule, pointer, layout, problems);
                }
            }
        }
        return problems.count() > problemsBefore
                ? null
                : kind.cast(new Tensor(values, layout.shape()));
    }

    /** The problem of a number that is not finite or breaks the field's value rule. */
    private static void refuse(
            double value,
            int index,
            ValueRule rule,
            String pointer,
            Layout layout,
            FieldProblems problems) {
        problems.add(
                pointerAt(pointer, layout.shape(), index),
                Double.isFinite(value) ? rule.detail() : "must be a finite number");
    }

    /** Whether the file's bytes hold the elements in row-major order already. */
    private static boolean isRowMajor(Layout layout) {
        return !layout.header().fortranOrder() || layout.shape().length <= 1;
    }

    /** The integers or booleans of {@code bytes[start, start + dataLength)} as {@code int}s. */
    private static int[] indices(
            byte[] bytes,
            int start,
            int dataLength,
            Layout layout,
            String pointer,
            FieldProblems problems) {
        NpyDtype dtype = layout.dtype();
        ByteBuffer data = ByteBuffer.wrap(bytes, start, dataLength).slice().order(dtype.order());
        int[] indices = new int[layout.size()];
        for (int i = 0; i < indices.length; i++) {
            switch (dtype) {
                case INT64_LITTLE, INT64_BIG -> {
                    long value = data.getLong(i * 8);
                    if (value != (int) value) {
                        problems.add(pointerAt(pointer, layout.shape(), i), "is out of range");
                    }
                    indices[i] = (int) value;
                }
                case INT32_LITTLE, INT32_BIG -> indices[i] = data.getInt(i * 4);
                case INT8 -> indices[i] = bytes[start + i];
                case UINT8 -> indices[i] = bytes[start + i] & 0xff;
                case BOOL -> {
                    int value = bytes[start + i];
                    if (value != 0 && value != 1) {
                        problems.add(
                                pointerAt(pointer, layout.shape(), i),
                                "must be a boolean, byte 0 or 1");
                    }
                    indices[i] = value;
                }
                default -> throw new IllegalStateException("not an integer dtype: " + dtype);
            }
        }
        return indices;
    }

    /** A checked header with its dtype and element count. */
    private record Layout(NpyHeader header, NpyDtype dtype, int size) {
        int[] shape() {
            return header.shape();
        }
    }

    /**
     * The header, checked: a dtype of the field's kind, a rank the rules allow, and exactly the
     * data the shape declares. Null, with a problem at {@code pointer}, otherwise.
     */
    private static Layout layout(
            byte[] bytes,
            int offset,
            int length,
            boolean floating,
            ShapeRules rules,
            String pointer,
            FieldProblems problems) {
        try {
            NpyHeader header = NpyHeader.parse(bytes, offset, length);
            NpyDtype dtype = NpyDtype.of(header.descr());
            if (dtype == null || dtype.isFloating() != floating) {
                problems.add(
                        pointer,
                        NpyDtype.refusal(
                                header.descr(),
                                floating ? NpyDtype.FLOAT_NAMES : NpyDtype.INTEGER_NAMES));
                return null;
            }
            int rank = header.shape().length;
            if (rank < rules.minRank() || rank > rules.maxRank()) {
                problems.add(
                        pointer,
                        "must have "
                                + ranks(rules.minRank(), rules.maxRank())
                                + ", but the .npy array has shape "
                                + header.describeShape());
                return null;
            }
            return new Layout(header, dtype, header.elementCount(dtype.itemSize(), length));
        } catch (NpyHeader.FormatException e) {
            problems.add(pointer, e.getMessage());
            return null;
        }
    }

    private static String ranks(int minRank, int maxRank) {
        if (minRank == maxRank) {
            return minRank + (minRank == 1 ? " dimension" : " dimensions");
        }
        return (maxRank == minRank + 1 ? minRank + " or " : minRank + " to ")
                + maxRank
                + " dimensions";
    }

    /** The values as doubles in row-major order. */
    private static double[] floats(byte[] bytes, int start, Layout layout) {
        NpyDtype dtype = layout.dtype();
        int size = layout.size();
        ByteBuffer data =
                ByteBuffer.wrap(bytes, start, size * dtype.itemSize()).slice().order(dtype.order());
        double[] values = new double[size];
        if (dtype.itemSize() == 8) {
            data.asDoubleBuffer().get(values);
        } else {
            FloatBuffer floats = data.asFloatBuffer();
            for (int i = 0; i < size; i++) {
                // float to double is exact.
                values[i] = floats.get(i);
            }
        }
        return isRowMajor(layout) ? values : rowMajor(values, layout.shape());
    }

    /**
     * The same elements in row-major order, from column-major ones: element {@code (i0, ..., ik)}
     * is at {@code i0 + s0 * (i1 + s1 * (...))} in column-major order.
     */
    static double[] rowMajor(double[] columnMajor, int[] shape) {
        int rank = shape.length;
        int[] stride = new int[rank];
        stride[0] = 1;
        for (int d = 1; d < rank; d++) {
            stride[d] = stride[d - 1] * shape[d - 1];
        }
        int[] index = new int[rank];
        double[] values = new double[columnMajor.length];
        int source = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = columnMajor[source];
            // Next row-major position: the last index first, carrying into earlier ones.
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    source += stride[d];
                    break;
                }
                source -= (shape[d] - 1) * stride[d];
                index[d] = 0;
            }
        }
        return values;
    }

    /** The JSON Pointer of the element at row-major position {@code flat}, e.g. /logits/1/3. */
    private static String pointerAt(String pointer, int[] shape, int flat) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        StringBuilder text = new StringBuilder(pointer);
        for (int i : index) {
            text.append('/').append(i);
        }
        return text.toString();
    }
}
