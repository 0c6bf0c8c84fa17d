package dev.lossservice.bench;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.crossentropy.CrossEntropyRequest;
import dev.lossservice.limits.ElementLimits;
import dev.lossservice.request.JsonRequestReader;
import dev.lossservice.request.LossServiceProperties;
import dev.lossservice.tensor.TensorJsonModule;
import jakarta.validation.Validation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * Timing harness for {@code scripts/bench-http.sh}, not a test: writes the benchmark's large
 * cross-entropy body, and times how long the service's own request reader takes to turn those bytes
 * into {@code double[]}, so that the script can compare a whole HTTP request with parsing alone.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$CP dev.lossservice.bench.ParseTimingMain \
 *     write BODY_FILE [ROWS] [CLASSES] [SEED]
 * java -cp ... dev.lossservice.bench.ParseTimingMain time BODY_FILE [WARMUPS] [REPETITIONS]
 * </pre>
 *
 * {@code time} reads through {@code JsonRequestReader.read}, the method the servlet path calls with
 * the request's input stream (package-private, hence reflection; its cost is nothing beside a 20 MB
 * parse), on an in-memory stream of the same bytes. It prints machine-readable lines {@code
 * key=value}: the median and minimum wall time over the repetitions, in milliseconds, of parsing
 * alone, the process CPU time per parse, and, for information, the loss computation's wall time.
 */
public final class ParseTimingMain {

    private ParseTimingMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "write" ->
                    write(
                            file,
                            intArg(args, 2, 1024),
                            intArg(args, 3, 1000),
                            args.length > 4 ? Long.parseLong(args[4]) : 20261126L);
            case "time" -> time(file, intArg(args, 2, 10), intArg(args, 3, 15));
            default -> usage();
        }
    }

    /**
     * Logits are standard normal times 4, written by {@link Double#toString} (the shortest decimal
     * that reads back to the same double, about 18 significant digits); targets uniform in [0, C).
     */
    private static void write(Path file, int rows, int classes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder body = new StringBuilder(rows * classes * 22 + rows * 5 + 64);
        body.append("{\"logits\":[");
        for (int n = 0; n < rows; n++) {
            body.append(n == 0 ? "[" : ",[");
            for (int c = 0; c < classes; c++) {
                if (c > 0) {
                    body.append(',');
                }
                body.append(4 * gaussian(random));
            }
            body.append(']');
        }
        body.append("],\"target\":[");
        for (int n = 0; n < rows; n++) {
            if (n > 0) {
                body.append(',');
            }
            body.append(random.nextInt(classes));
        }
        body.append("]}");
        Files.writeString(file, body, StandardCharsets.US_ASCII);
    }

    /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static void time(Path file, int warmups, int repetitions) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        // The default loss-service.limits element limits; parser constraint checks cost nothing
        // measurable, so Jackson's defaults stand in for the configured ones.
        JsonRequestReader reader =
                new JsonRequestReader(
                        JsonMapper.builder().addModule(new TensorJsonModule()).build(),
                        new LossServiceProperties(20),
                        new ElementLimits(1048576, 3145728),
                        Validation.buildDefaultValidatorFactory());

        double[] parse = new double[repetitions];
        CrossEntropyRequest request = null;
        long cpuStart = 0;
        for (int i = -warmups; i < repetitions; i++) {
            if (i == 0) {
                cpuStart = processCpuNanos();
            }
            long start = System.nanoTime();
            request = reader.read(CrossEntropyRequest.class, new ByteArrayInputStream(bytes));
            if (i >= 0) {
                parse[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        double parseCpu = (processCpuNanos() - cpuStart) / 1e6 / repetitions;

        double[] compute = new double[repetitions];
        double lossSum = 0;
        for (int i = -warmups; i < repetitions; i++) {
            long start = System.nanoTime();
            CrossEntropy.Result result =
                    CrossEntropy.ofLogits(
                            request.logits().toMatrix(),
                            request.target().values(),
                            request.options());
            lossSum = result.loss().lossSum();
            if (i >= 0) {
                compute[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "body_bytes=%d%n", bytes.length);
        System.out.printf(Locale.ROOT, "repetitions=%d warmups=%d%n", repetitions, warmups);
        System.out.printf(Locale.ROOT, "parse_ms_median=%.2f%n", median(parse));
        System.out.printf(Locale.ROOT, "parse_ms_min=%.2f%n", min(parse));
        System.out.printf(Locale.ROOT, "parse_cpu_ms_mean=%.2f%n", parseCpu);
        System.out.printf(Locale.ROOT, "compute_ms_median=%.2f%n", median(compute));
        // Printed so that the work cannot be optimised away, and to compare with the HTTP answer.
        System.out.println("loss_sum=" + lossSum);
    }

    /**
     * CPU time of the whole process, all threads (GC and JIT included), as the script measures the
     * server's: on a loaded machine it moves far less than wall time.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static void usage() {
        System.err.println(
                "usage: ParseTimingMain write FILE [ROWS] [CLASSES] [SEED]\n"
                        + "       ParseTimingMain time FILE [WARMUPS] [REPETITIONS]");
        System.exit(2);
    }
}
