package dev.lossservice.tensor;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.OneHotRows;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a NumPy {@code .npz} archive, what {@code numpy.savez} writes and {@code numpy.load}
 * reads: a zip file with one {@code NAME.npy} entry per array, each a {@code .npy} file of format
 * version 1.0, C order, dtype {@code <f8} for numbers and {@code <i8} for integers. Entries are
 * stored, not compressed (as {@code savez}, not {@code savez_compressed}): doubles hardly compress,
 * and storing costs a copy and a checksum.
 *
 * <p>A stored zip entry needs its CRC-32 before its data, so each array is turned into bytes twice,
 * a buffer at a time: once for the checksum, once to write; no copy of a whole array is made.
 * {@link #finish} writes the zip's directory and leaves the stream open.
 */
public final class NpzWriter {

    /** The DOS epoch, so that the same answer is the same bytes. */
    private static final LocalDateTime TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private static final int BUFFER_BYTES = 64 * 1024;

    /** Both dtypes written, {@code <f8} and {@code <i8}, have 8-byte elements. */
    private static final int ITEM_SIZE = 8;

    private final ZipOutputStream zip;
    private final ByteBuffer buffer =
            ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * @param out where the archive goes; not closed by {@link #finish}
     */
    public NpzWriter(OutputStream out) {
        // Never closed: finish() ends the archive without closing the stream.
        this.zip = new ZipOutputStream(out);
        zip.setMethod(ZipOutputStream.STORED);
    }

    /** A 0-d {@code <f8} array. */
    public void scalar(String name, double value) {
        doubles(name, new double[] {value});
    }

    /**
     * A {@code <f8} array of the given shape over row-major values.
     *
     * @throws IllegalArgumentException if the shape does not hold exactly {@code values.length}
     */
    public void doubles(String name, double[] values, int... shape) {
        entry(
                name,
                "<f8",
                shape,
                (from, chunk) ->
                        chunk.asDoubleBuffer()
                                .put(values, from, elements(chunk, values.length - from)),
                values.length);
    }

    /** A tensor as a {@code <f8} array of its shape. */
    public void tensor(String name, Tensor tensor) {
        doubles(name, tensor.values(), tensor.shape());
    }

    /** A matrix as a {@code <f8} array of shape (rows, columns). */
    public void matrix(String name, Matrix matrix) {
        doubles(name, matrix.values(), matrix.rows(), matrix.columns());
    }

    /** The dense matrix a {@link OneHotRows} stands for, bit for bit, without making it. */
    public void matrix(String name, OneHotRows matrix) {
        int columns = matrix.columns();
        int size = Math.multiplyExact(matrix.rows(), columns);
        entry(
                name,
                "<f8",
                new int[] {matrix.rows(), columns},
                (from, chunk) -> {
                    int count = elements(chunk, size - from);
                    // +0.0 everywhere, then each row's entry that falls into this chunk.
                    java.util.Arrays.fill(chunk.array(), 0, count * 8, (byte) 0);
                    for (int row = from / columns; row <= (from + count - 1) / columns; row++) {
                        int position = row * columns + matrix.column()[row];
                        if (position >= from && position < from + count) {
                            chunk.putDouble((position - from) * 8, matrix.value()[row]);
                        }
                    }
                },
                size);
    }

    /** An {@code <i8} array of the given shape over row-major values. */
    public void integers(String name, int[] values, int... shape) {
        entry(
                name,
                "<i8",
                shape,
                (from, chunk) -> {
                    int count = elements(chunk, values.length - from);
                    for (int i = 0; i < count; i++) {
                        chunk.putLong(i * 8, values[from + i]);
                    }
                },
                values.length);
    }

    /** Ends the archive (its central directory); the stream stays open. */
    public void finish() {
        try {
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills {@code chunk}, from its start, with the bytes of the elements from {@code from} on. */
    private interface Chunks {
        void fill(int from, ByteBuffer chunk);
    }

    /** How many 8-byte elements go into one chunk, at most {@code left}. */
    private static int elements(ByteBuffer chunk, int left) {
        return Math.min(chunk.capacity() / ITEM_SIZE, left);
    }

    /**
     * One array of {@code size} 8-byte elements, its bytes made by {@code chunks}.
     *
     * @throws IllegalArgumentException if {@code shape} does not hold exactly {@code size}
     */
    private void entry(String name, String descr, int[] shape, Chunks chunks, int size) {
        requireSize(size, shape);
        byte[] header = header(descr, shape);
        long dataBytes = (long) ITEM_SIZE * size;
        int perChunk = BUFFER_BYTES / ITEM_SIZE;
        CRC32 crc = new CRC32();
        crc.update(header);
        for (int from = 0; from < size; from += perChunk) {
            buffer.clear();
            chunks.fill(from, buffer);
            crc.update(buffer.array(), 0, Math.min(perChunk, size - from) * ITEM_SIZE);
        }
        ZipEntry entry = new ZipEntry(name + ".npy");
        entry.setTimeLocal(TIME);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(header.length + dataBytes);
        entry.setCompressedSize(header.length + dataBytes);
        entry.setCrc(crc.getValue());
        try {
            zip.putNextEntry(entry);
            zip.write(header);
            for (int from = 0; from < size; from += perChunk) {
                buffer.clear();
                chunks.fill(from, buffer);
                zip.write(buffer.array(), 0, Math.min(perChunk, size - from) * ITEM_SIZE);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A version 1.0 header: the dictionary NumPy writes, padded with spaces and a newline so that
     * the data starts at a multiple of 64 bytes, as NumPy aligns it.
     */
    static byte[] header(String descr, int[] shape) {
        StringBuilder dictionary =
                new StringBuilder("{'descr': '")
                        .append(descr)
                        .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dictionary.append(i > 0 ? ", " : "").append(shape[i]);
        }
        dictionary.append(shape.length == 1 ? ",), }" : "), }");
        int unpadded = 10 + dictionary.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        dictionary.append(" ".repeat(padded - unpadded)).append('\n');
        byte[] text = dictionary.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer header = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        header.putShort((short) text.length);
        header.put(text);
        return header.array();
    }

    private static void requireSize(int length, int[] shape) {
        long size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        if (size != length) {
            throw new IllegalArgumentException(
                    "shape " + java.util.Arrays.toString(shape) + " does not hold " + length);
        }
    }
}
