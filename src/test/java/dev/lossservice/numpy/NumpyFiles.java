package dev.lossservice.numpy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * NumPy's file formats for the tests, written and read here independently of the service's codec: a
 * minimal {@code .npy} writer (version 1.0, C order, as {@code numpy.save} lays it out), a reader
 * of {@code .npz} archives (a zip of {@code .npy} files) for the dtypes the service answers with,
 * and the committed files of {@code scripts/generate_npy_fixtures.py}.
 */
public final class NumpyFiles {

    private NumpyFiles() {}

    /** One array of an archive: its dtype, shape and values (integers widened to double). */
    public record Array(String descr, int[] shape, double[] values) {

        public long[] longs() {
            return Arrays.stream(values).mapToLong(v -> (long) v).toArray();
        }
    }

    /** A {@code <f8} file of the given shape over row-major values. */
    public static byte[] doubles(double[] values, int... shape) {
        ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asDoubleBuffer().put(values);
        return file("<f8", shape, data.array());
    }

    /** A {@code <i8} file of the given shape. */
    public static byte[] longs(long[] values, int... shape) {
        ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        return file("<i8", shape, data.array());
    }

    /** A file with any header values: the dictionary is written as NumPy writes it. */
    public static byte[] file(String descr, int[] shape, byte[] data) {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(i > 0 ? ", " : "").append(shape[i]);
        }
        tuple.append(shape.length == 1 ? ",)" : ")");
        String dictionary =
                "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = 10 + dictionary.length() + 1;
        String header = dictionary + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer file = ByteBuffer.allocate(10 + header.length() + data.length);
        file.order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        file.putShort((short) header.length());
        file.put(header.getBytes(StandardCharsets.US_ASCII));
        file.put(data);
        return file.array();
    }

    /** A committed file under {@code src/test/resources/npy/}. */
    public static byte[] resource(String name) {
        try (InputStream in = NumpyFiles.class.getResourceAsStream("/npy/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /npy/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern HEADER =
            Pattern.compile(
                    "\\{'descr': '([<|>][fib][1-8])', 'fortran_order': False,"
                            + " 'shape': \\(([0-9, ]*)\\), \\} *\\n");

    /**
     * The arrays of an {@code .npz} archive by name (the entry name without {@code .npy}), in
     * archive order. Reads only what the service writes: format 1.0, C order, {@code <f8} or {@code
     * <i8}; anything else fails the test.
     */
    public static Map<String, Array> readNpz(byte[] archive) {
        Map<String, Array> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (!entry.getName().endsWith(".npy")) {
                    throw new AssertionError("not a .npy entry: " + entry.getName());
                }
                String name = entry.getName().substring(0, entry.getName().length() - 4);
                arrays.put(name, readNpy(zip.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return arrays;
    }

    /** One {@code .npy} file as the service writes them. */
    public static Array readNpy(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        in.get(magic);
        if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})) {
            throw new AssertionError("not a version 1.0 .npy file");
        }
        int headerLength = in.getShort() & 0xffff;
        if ((10 + headerLength) % 64 != 0) {
            throw new AssertionError("data not aligned to 64 bytes as NumPy aligns it");
        }
        byte[] text = new byte[headerLength];
        in.get(text);
        Matcher header = HEADER.matcher(new String(text, StandardCharsets.US_ASCII));
        if (!header.matches()) {
            throw new AssertionError("unexpected header: " + new String(text));
        }
        String descr = header.group(1);
        int[] shape =
                Arrays.stream(header.group(2).split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .mapToInt(Integer::parseInt)
                        .toArray();
        int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] =
                    switch (descr) {
                        case "<f8" -> in.getDouble();
                        case "<i8" -> in.getLong();
                        default -> throw new AssertionError("unexpected dtype " + descr);
                    };
        }
        if (in.hasRemaining()) {
            throw new AssertionError(in.remaining() + " bytes after the data");
        }
        return new Array(descr, shape, values);
    }
}
