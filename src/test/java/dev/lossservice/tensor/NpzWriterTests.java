package dev.lossservice.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.OneHotRows;
import dev.lossservice.numpy.NumpyFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .npz} writer, read back by the tests' own reader ({@link NumpyFiles#readNpz}) and by
 * the JDK's zip reader; its {@code .npy} headers are compared with those NumPy wrote.
 */
class NpzWriterTests {

    @Test
    void headersAreTheBytesNumpyWrites() {
        // numpy.save of the seed's 3 x 4 float64 logits (scripts/generate_npy_fixtures.py).
        byte[] numpy = NumpyFiles.resource("seed-logits-f8.npy");
        byte[] header = NpzWriter.header("<f8", new int[] {3, 4});

        assertThat(header).isEqualTo(Arrays.copyOf(numpy, header.length));
        assertThat(numpy.length - header.length).isEqualTo(3 * 4 * 8);
    }

    @Test
    void everyArrayReadsBackWithItsNameDtypeShapeAndBits() {
        double[] values = {0.1, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Math.PI, 7};
        int[] integers = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpzWriter npz = new NpzWriter(out);
        npz.scalar("loss", values[4]);
        npz.doubles("losses", values, 6);
        npz.matrix("gradient", new Matrix(2, 3, values));
        npz.integers("predictedClass", integers, 4);
        npz.tensor("cube", new Tensor(values, new int[] {1, 2, 3}));
        npz.finish();

        Map<String, NumpyFiles.Array> arrays = NumpyFiles.readNpz(out.toByteArray());

        assertThat(arrays.keySet())
                .containsExactly("loss", "losses", "gradient", "predictedClass", "cube");
        assertThat(arrays.get("loss").shape()).isEmpty();
        assertThat(arrays.get("loss").values()).containsExactly(values[4]);
        assertThat(arrays.get("gradient").shape()).containsExactly(2, 3);
        assertThat(arrays.get("cube").shape()).containsExactly(1, 2, 3);
        assertThat(bits(arrays.get("losses").values())).containsExactly(bits(values));
        assertThat(arrays.get("predictedClass").descr()).isEqualTo("<i8");
        assertThat(arrays.get("predictedClass").longs())
                .containsExactly(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE);
    }

    @Test
    void oneHotRowsAreWrittenAsTheirDenseMatrixAcrossBufferBoundaries() {
        // 100 x 300 is 30,000 doubles: several 64 KB buffers, rows split between them.
        SplittableRandom random = new SplittableRandom(7);
        int rows = 100;
        int columns = 300;
        int[] column = random.ints(rows, 0, columns).toArray();
        double[] value = random.doubles(rows).map(v -> v - 0.5).toArray();
        value[3] = -0.0;
        column[rows - 1] = columns - 1;
        OneHotRows oneHot = new OneHotRows(rows, columns, column, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpzWriter npz = new NpzWriter(out);
        npz.matrix("gradient", oneHot);
        npz.finish();

        NumpyFiles.Array gradient = NumpyFiles.readNpz(out.toByteArray()).get("gradient");

        assertThat(gradient.shape()).containsExactly(rows, columns);
        assertThat(bits(gradient.values())).containsExactly(bits(oneHot.toMatrix().values()));
    }

    @Test
    void theArchiveIsAZipOfStoredNpyEntries(@TempDir Path directory) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpzWriter npz = new NpzWriter(out);
        npz.scalar("lossSum", 1.5);
        npz.doubles("losses", new double[20_000], 20_000);
        npz.finish();
        Path file = directory.resolve("answer.npz");
        Files.write(file, out.toByteArray());

        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            assertThat(entries)
                    .extracting(ZipEntry::getName)
                    .containsExactly("lossSum.npy", "losses.npy");
            assertThat(entries)
                    .allSatisfy(e -> assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED));
            assertThat(zip.getInputStream(entries.get(1)).readAllBytes()).hasSize(128 + 160_000);
        }
    }

    @Test
    void theSameAnswerIsTheSameBytes() {
        assertThat(archive()).isEqualTo(archive());
    }

    private static byte[] archive() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpzWriter npz = new NpzWriter(out);
        npz.doubles("losses", new double[] {1, 2, 3}, 3);
        npz.finish();
        return out.toByteArray();
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
