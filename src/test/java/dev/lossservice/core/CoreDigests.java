package dev.lossservice.core;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.provider.Arguments;

/**
 * SHA-256 digests of every output of the core, bit for bit ({@link Double#doubleToLongBits}), over
 * every PyTorch fixture case and a few thousand random inputs: the proof that a change to the core
 * changed no result by even one ulp. The fixture tests compare with PyTorch within 1e-12 relative
 * and would not see that.
 *
 * <p>{@code core-digests.txt} beside the test resources was written by {@link #main} at commit
 * e56e8d2, before the core's refactoring, and {@link BitIdentityTests} compares this program's
 * digests with it. Regenerate it only for a change that is meant to change results:
 *
 * <pre>
 *   ./mvnw -q test-compile && java -cp "target/test-classes:target/classes:$(./mvnw -q \
 *       dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *       dev.lossservice.core.CoreDigests src/test/resources/dev/lossservice/core/core-digests.txt
 * </pre>
 */
final class CoreDigests {

    /** Random cases per digest line: a line names a small range of seeds to rerun. */
    private static final int CASES_PER_LINE = 100;

    private CoreDigests() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> digests = compute();
        StringBuilder text = new StringBuilder();
        digests.forEach(
                (name, digest) -> text.append(name).append('\t').append(digest).append('\n'));
        if (args.length == 0) {
            PrintStream out = System.out;
            out.print(text);
        } else {
            Files.writeString(Path.of(args[0]), text, StandardCharsets.UTF_8);
        }
    }

    /** Case (or range of random cases) name to hexadecimal SHA-256 of its outputs, in order. */
    static Map<String, String> compute() {
        Map<String, String> digests = new LinkedHashMap<>();
        fixtures(digests, "cross_entropy.json", CoreDigests::crossEntropyFixture);
        fixtures(digests, "nll.json", CoreDigests::nllFixture);
        fixtures(digests, "bce.json", CoreDigests::bceFixture);
        fixtures(digests, "softmax.json", CoreDigests::softmaxFixture);
        random(
                digests,
                "random cross-entropy, class indices",
                1500,
                CoreDigests::randomClassIndices);
        random(
                digests,
                "random cross-entropy, probabilities",
                700,
                CoreDigests::randomProbabilities);
        random(digests, "random softmax", 1500, CoreDigests::randomSoftmax);
        random(digests, "random nll", 600, CoreDigests::randomNll);
        random(digests, "random bce, probabilities", 600, CoreDigests::randomBceProbabilities);
        random(digests, "random bce, logits", 800, CoreDigests::randomBceLogits);
        large(digests);
        extremes(digests);
        return digests;
    }

    // ---- The core's entry points: the only lines that follow its API. ----

    private static void crossEntropy(
            Sink sink,
            Matrix logits,
            int[] target,
            Matrix targetProbabilities,
            double[] weight,
            int ignoreIndex,
            double smoothing,
            Reduction reduction) {
        var options = new CrossEntropy.Options(weight, ignoreIndex, smoothing, reduction);
        CrossEntropy.Result result =
                target != null
                        ? CrossEntropy.ofLogits(logits, target, options)
                        : CrossEntropy.ofLogits(logits, targetProbabilities, options);
        sink.loss(result.loss());
        sink.doubles(result.sampleLosses());
        sink.doubles(result.sampleWeights());
        sink.booleans(result.ignored());
        sink.matrix(result.probabilities());
        sink.ints(result.predictedClass());
        sink.matrix(result.gradient());
    }

    private static void nll(
            Sink sink,
            Matrix logProbabilities,
            int[] target,
            double[] weight,
            int ignoreIndex,
            Reduction reduction) {
        NegativeLogLikelihood.Result result =
                NegativeLogLikelihood.ofLogProbabilities(
                        logProbabilities,
                        target,
                        new NegativeLogLikelihood.Options(weight, ignoreIndex, reduction));
        sink.loss(result.loss());
        sink.doubles(result.sampleLosses());
        sink.doubles(result.sampleWeights());
        sink.booleans(result.ignored());
        sink.ints(result.gradient().column());
        sink.doubles(result.gradient().value());
        sink.matrix(result.denseGradient());
    }

    private static void bce(
            Sink sink,
            boolean onLogits,
            Matrix input,
            Matrix target,
            double[] weight,
            double[] posWeight,
            Reduction reduction) {
        BinaryCrossEntropy.Result result =
                onLogits
                        ? BinaryCrossEntropy.ofLogits(
                                input,
                                target,
                                new BinaryCrossEntropy.Options(weight, posWeight, reduction))
                        : BinaryCrossEntropy.ofProbabilities(
                                input,
                                target,
                                new BinaryCrossEntropy.Options(weight, null, reduction));
        sink.loss(result.loss());
        sink.matrix(result.elementLosses());
        sink.doubles(result.sampleLosses());
        sink.matrix(result.sigmoid());
        sink.matrix(result.gradient());
    }

    private static void softmax(
            Sink sink, Matrix logits, double temperature, Matrix upstreamGradient) {
        Softmax.Result result = Softmax.ofLogits(logits, temperature);
        sink.matrix(result.probabilities());
        sink.matrix(result.logProbabilities());
        sink.doubles(result.logSumExp());
        sink.ints(result.predictedClass());
        sink.matrix(
                Softmax.vectorJacobianProduct(
                        result.probabilities(), upstreamGradient, temperature));
    }

    // ---- Inputs. ----

    private static void crossEntropyFixture(Sink sink, Fixtures.Case fixture) {
        boolean classIndices = fixture.hasInput("target");
        crossEntropy(
                sink,
                Fixtures.matrix(fixture.input("logits")),
                classIndices ? Fixtures.ints(fixture.input("target")) : null,
                classIndices ? null : Fixtures.matrix(fixture.input("targetProbabilities")),
                Fixtures.optionalDoubles(fixture.option("weight")),
                classIndices
                        ? fixture.option("ignoreIndex").asInt()
                        : CrossEntropy.DEFAULT_IGNORE_INDEX,
                Fixtures.number(fixture.option("labelSmoothing")),
                fixture.reduction());
    }

    private static void nllFixture(Sink sink, Fixtures.Case fixture) {
        nll(
                sink,
                Fixtures.matrix(fixture.input("logProbabilities")),
                Fixtures.ints(fixture.input("target")),
                Fixtures.optionalDoubles(fixture.option("weight")),
                fixture.option("ignoreIndex").asInt(),
                fixture.reduction());
    }

    private static void bceFixture(Sink sink, Fixtures.Case fixture) {
        boolean onLogits = fixture.hasInput("logits");
        bce(
                sink,
                onLogits,
                Fixtures.matrix(fixture.input(onLogits ? "logits" : "probabilities")),
                Fixtures.matrix(fixture.input("target")),
                Fixtures.optionalDoubles(fixture.option("weight")),
                onLogits ? Fixtures.optionalDoubles(fixture.option("posWeight")) : null,
                fixture.reduction());
    }

    private static void softmaxFixture(Sink sink, Fixtures.Case fixture) {
        softmax(
                sink,
                Fixtures.matrix(fixture.input("logits")),
                Fixtures.number(fixture.option("temperature")),
                Fixtures.matrix(fixture.input("upstreamGradient")));
    }

    private static void randomClassIndices(Sink sink, Random random) {
        int rows = 1 + random.nextInt(9);
        int columns = 1 + random.nextInt(16);
        Matrix logits = RandomInputs.matrix(random, rows, columns, scale(random));
        int ignoreIndex = RandomInputs.ignoreIndex(random, columns);
        int[] target = RandomInputs.classTargets(random, rows, columns, ignoreIndex);
        crossEntropy(
                sink,
                logits,
                target,
                null,
                weight(random, columns),
                ignoreIndex,
                smoothing(random),
                RandomInputs.reduction(random));
    }

    private static void randomProbabilities(Sink sink, Random random) {
        int rows = 1 + random.nextInt(9);
        int columns = 1 + random.nextInt(16);
        Matrix logits = RandomInputs.matrix(random, rows, columns, scale(random));
        crossEntropy(
                sink,
                logits,
                null,
                RandomInputs.targetProbabilities(random, rows, columns, random.nextBoolean()),
                weight(random, columns),
                CrossEntropy.DEFAULT_IGNORE_INDEX,
                smoothing(random),
                RandomInputs.reduction(random));
    }

    private static void randomSoftmax(Sink sink, Random random) {
        int rows = 1 + random.nextInt(9);
        int columns = 1 + random.nextInt(20);
        Matrix logits = RandomInputs.matrix(random, rows, columns, scale(random));
        double temperature =
                switch (random.nextInt(8)) {
                    case 0, 1, 2 -> 1.0;
                    case 3 -> 2.0;
                    case 4 -> 0.5;
                    case 5 -> 1e-3 + 10 * random.nextDouble();
                    case 6 -> Math.nextUp(1.0);
                    default -> Math.exp(20 * random.nextDouble() - 10);
                };
        softmax(sink, logits, temperature, RandomInputs.matrix(random, rows, columns, 3.0));
    }

    private static void randomNll(Sink sink, Random random) {
        int rows = 1 + random.nextInt(9);
        int columns = 1 + random.nextInt(16);
        int ignoreIndex = RandomInputs.ignoreIndex(random, columns);
        nll(
                sink,
                RandomInputs.matrix(random, rows, columns, scale(random)),
                RandomInputs.classTargets(random, rows, columns, ignoreIndex),
                weight(random, columns),
                ignoreIndex,
                RandomInputs.reduction(random));
    }

    private static void randomBceProbabilities(Sink sink, Random random) {
        int rows = 1 + random.nextInt(9);
        int columns = 1 + random.nextInt(12);
        double[] x = RandomInputs.uniform(random, rows * columns, 0, 1);
        double[] y = RandomInputs.uniform(random, rows * columns, 0, 1);
        for (int i = 0; i < x.length; i++) {
            // The clamped ends, and targets of exactly 0 and 1, are where the formulas differ most.
            switch (random.nextInt(6)) {
                case 0 -> x[i] = random.nextBoolean() ? 0.0 : 1.0;
                case 1 -> y[i] = random.nextBoolean() ? 0.0 : 1.0;
                case 2 -> x[i] = Math.scalb(x[i], -40);
                default -> {}
            }
        }
        bce(
                sink,
                false,
                new Matrix(rows, columns, x),
                new Matrix(rows, columns, y),
                factors(random, rows, columns),
                null,
                RandomInputs.reduction(random));
    }

    private static void randomBceLogits(Sink sink, Random random) {
        int rows = 1 + random.nextInt(9);
        int columns = 1 + random.nextInt(12);
        double[] y = RandomInputs.uniform(random, rows * columns, -0.5, 1.5);
        for (int i = 0; i < y.length; i++) {
            if (random.nextBoolean()) {
                y[i] = random.nextBoolean() ? 0.0 : 1.0;
            }
        }
        bce(
                sink,
                true,
                RandomInputs.matrix(random, rows, columns, scale(random)),
                new Matrix(rows, columns, y),
                factors(random, rows, columns),
                factors(random, rows, columns),
                RandomInputs.reduction(random));
    }

    /** Batches large enough that {@link RowBlocks} splits them over cores. */
    private static void large(Map<String, String> digests) {
        Random random = new Random(20261129);
        int rows = 64;
        int columns = 1000;
        Matrix logits = RandomInputs.matrix(random, rows, columns, 8.0);
        int[] target = RandomInputs.classTargets(random, rows, columns, -100);
        double[] weight = RandomInputs.weights(random, columns);
        Matrix soft = RandomInputs.targetProbabilities(random, rows, columns, true);
        Matrix y = RandomInputs.matrix(random, rows, columns, 1.0);
        Matrix upstream = RandomInputs.matrix(random, rows, columns, 1.0);
        one(
                digests,
                "large cross-entropy, class indices",
                sink -> {
                    crossEntropy(sink, logits, target, null, null, -100, 0, Reduction.MEAN);
                    crossEntropy(sink, logits, target, null, weight, -100, 0.1, Reduction.SUM);
                });
        one(
                digests,
                "large cross-entropy, probabilities",
                sink -> {
                    crossEntropy(sink, logits, null, soft, null, -100, 0, Reduction.MEAN);
                    crossEntropy(sink, logits, null, soft, weight, -100, 0.2, Reduction.NONE);
                });
        one(
                digests,
                "large softmax",
                sink -> {
                    softmax(sink, logits, 1.0, upstream);
                    softmax(sink, logits, 2.5, upstream);
                });
        one(digests, "large nll", sink -> nll(sink, logits, target, weight, -100, Reduction.MEAN));
        one(
                digests,
                "large bce",
                sink -> {
                    bce(sink, true, logits, y, null, null, Reduction.MEAN);
                    bce(sink, true, logits, y, weight, weight, Reduction.SUM);
                });
    }

    /** Infinite, NaN and huge logits, zero weights: the edges of every formula. */
    private static void extremes(Map<String, String> digests) {
        double inf = Double.POSITIVE_INFINITY;
        double nan = Double.NaN;
        Matrix odd =
                new Matrix(4, 3, new double[] {inf, 0, 1, -inf, 0, 1, nan, 2, 3, 1e308, -1e308, 0});
        Matrix upstream = RandomInputs.matrix(new Random(7), 4, 3, 1.0);
        one(
                digests,
                "extreme softmax",
                sink -> {
                    for (double temperature : new double[] {1.0, 0.5, 3.0, 1e-300, 1e300}) {
                        softmax(sink, odd, temperature, upstream);
                    }
                });
        int[] target = {0, 1, 2, 0};
        one(
                digests,
                "extreme cross-entropy",
                sink -> {
                    for (double smoothing : new double[] {0, 0.25, 1}) {
                        for (Reduction reduction : Reduction.values()) {
                            crossEntropy(sink, odd, target, null, null, -100, smoothing, reduction);
                            crossEntropy(
                                    sink,
                                    odd,
                                    target,
                                    null,
                                    new double[3],
                                    -100,
                                    smoothing,
                                    reduction);
                            crossEntropy(
                                    sink,
                                    odd,
                                    null,
                                    odd,
                                    new double[] {0, 1, 2},
                                    -100,
                                    smoothing,
                                    reduction);
                        }
                    }
                });
        one(
                digests,
                "extreme bce",
                sink -> {
                    for (Reduction reduction : Reduction.values()) {
                        bce(sink, true, odd, odd, null, null, reduction);
                        bce(sink, true, odd, odd, new double[3], new double[] {0, 1, 2}, reduction);
                    }
                });
        one(
                digests,
                "extreme nll",
                sink -> {
                    for (Reduction reduction : Reduction.values()) {
                        nll(sink, odd, target, new double[3], -100, reduction);
                        nll(sink, odd, new int[] {1, 1, 1, 1}, null, 1, reduction);
                    }
                });
    }

    private static double scale(Random random) {
        return new double[] {1, 8, 50, 800}[random.nextInt(4)];
    }

    /** Null, or class weights, some of them 0. */
    private static double[] weight(Random random, int columns) {
        if (random.nextBoolean()) {
            return null;
        }
        double[] weight = RandomInputs.weights(random, columns);
        for (int c = 0; c < columns; c++) {
            if (random.nextInt(8) == 0) {
                weight[c] = 0;
            }
        }
        return weight;
    }

    private static double smoothing(Random random) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> 0;
            case 2 -> random.nextDouble();
            default -> random.nextBoolean() ? 1.0 : 0.1;
        };
    }

    /** Null, per class or per element, as BCE's weight and posWeight may be. */
    private static double[] factors(Random random, int rows, int columns) {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> RandomInputs.uniform(random, columns, 0, 3);
            default -> RandomInputs.uniform(random, rows * columns, 0, 3);
        };
    }

    private interface FixtureCase {
        void run(Sink sink, Fixtures.Case fixture);
    }

    private interface RandomCase {
        void run(Sink sink, Random random);
    }

    private static void fixtures(Map<String, String> digests, String file, FixtureCase kernel) {
        List<Arguments> cases = new ArrayList<>(Fixtures.cases(file).toList());
        for (Arguments arguments : cases) {
            Fixtures.Case fixture = (Fixtures.Case) arguments.get()[0];
            one(digests, file + ": " + fixture.name(), sink -> kernel.run(sink, fixture));
        }
    }

    private static void random(
            Map<String, String> digests, String family, int count, RandomCase kernel) {
        for (int first = 0; first < count; first += CASES_PER_LINE) {
            int last = Math.min(count, first + CASES_PER_LINE);
            int from = first;
            one(
                    digests,
                    family + ", seeds " + from + " to " + (last - 1),
                    sink -> {
                        for (int seed = from; seed < last; seed++) {
                            kernel.run(sink, new Random(seed));
                        }
                    });
        }
    }

    private static void one(Map<String, String> digests, String name, Consumer<Sink> outputs) {
        Sink sink = new Sink();
        outputs.accept(sink);
        if (digests.put(name, sink.hex()) != null) {
            throw new IllegalStateException("two cases named " + name);
        }
    }

    /** Feeds outputs to SHA-256: every double as its raw bits, every length and null marked. */
    private static final class Sink {

        private final MessageDigest digest;

        Sink() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void loss(ReducedLoss loss) {
            integer(loss.reduction().ordinal());
            number(loss.lossSum());
            number(loss.denominator());
            number(loss.value());
            integer(loss.isDefined() ? 1 : 0);
        }

        void matrix(Matrix matrix) {
            if (matrix == null) {
                integer(-1);
                return;
            }
            integer(matrix.rows());
            integer(matrix.columns());
            doubles(matrix.values());
        }

        void doubles(double[] values) {
            integer(values.length);
            for (double value : values) {
                number(value);
            }
        }

        void ints(int[] values) {
            integer(values.length);
            for (int value : values) {
                integer(value);
            }
        }

        void booleans(boolean[] values) {
            integer(values.length);
            for (boolean value : values) {
                integer(value ? 1 : 0);
            }
        }

        /**
         * The bits of {@code value}, signed zeros apart, with every NaN as the one canonical NaN:
         * which NaN an operation on NaN or infinities gives differs between the interpreter and the
         * JIT's tiers for the same code (seen in "extreme bce"), and no caller can observe it.
         */
        private void number(double value) {
            long bits = Double.doubleToLongBits(value);
            for (int shift = 56; shift >= 0; shift -= 8) {
                digest.update((byte) (bits >>> shift));
            }
        }

        private void integer(int value) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                digest.update((byte) (value >>> shift));
            }
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
