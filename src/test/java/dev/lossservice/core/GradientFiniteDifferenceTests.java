package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every analytic gradient of the core against central finite differences of its own loss.
 *
 * <p>For element {@code i}, {@code fd_i = (f(x + h e_i) - f(x - h e_i)) / 2h} with {@code h = 1e-6
 * * max(1, |x_i|)}. Its truncation error is {@code O(h^2)} and its rounding error about {@code eps
 * * |f| / h ~ 2e-10 * |f|}, so the check is {@code |fd_i - g_i| <= 1e-6 * |g_i| + 1e-8 * max(1,
 * |f|)}: tight enough that a wrong term, factor or sign fails it by orders of magnitude. For {@code
 * reduction = NONE} the function is the sum of the per-sample losses, the quantity whose gradient
 * the core returns.
 */
class GradientFiniteDifferenceTests {

    static LongStream seeds() {
        return RandomInputs.seeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void crossEntropyWithClassIndices(long seed) {
        var random = new Random(seed);
        int rows = 1 + random.nextInt(4);
        int columns = 1 + random.nextInt(5);
        Matrix logits = RandomInputs.matrix(random, rows, columns, 5.0);
        int ignoreIndex = RandomInputs.ignoreIndex(random, columns);
        int[] target = RandomInputs.classTargets(random, rows, columns, ignoreIndex);
        var options =
                new CrossEntropy.Options(
                        random.nextBoolean() ? null : RandomInputs.weights(random, columns),
                        ignoreIndex,
                        smoothing(random),
                        RandomInputs.reduction(random));

        CrossEntropy.Result result = CrossEntropy.ofLogits(logits, target, options);

        assertMatchesFiniteDifferences(
                logits,
                result.gradient(),
                x -> returned(CrossEntropy.ofLogits(x, target, options).loss()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void crossEntropyWithProbabilities(long seed) {
        var random = new Random(seed);
        int rows = 1 + random.nextInt(4);
        int columns = 1 + random.nextInt(5);
        Matrix logits = RandomInputs.matrix(random, rows, columns, 5.0);
        Matrix target =
                RandomInputs.targetProbabilities(random, rows, columns, random.nextBoolean());
        var options =
                new CrossEntropy.Options(
                        random.nextBoolean() ? null : RandomInputs.weights(random, columns),
                        CrossEntropy.DEFAULT_IGNORE_INDEX,
                        smoothing(random),
                        RandomInputs.reduction(random));

        CrossEntropy.Result result = CrossEntropy.ofLogits(logits, target, options);

        assertMatchesFiniteDifferences(
                logits,
                result.gradient(),
                x -> returned(CrossEntropy.ofLogits(x, target, options).loss()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void negativeLogLikelihood(long seed) {
        var random = new Random(seed);
        int rows = 1 + random.nextInt(4);
        int columns = 1 + random.nextInt(5);
        Matrix input = RandomInputs.matrix(random, rows, columns, 5.0);
        int ignoreIndex = RandomInputs.ignoreIndex(random, columns);
        int[] target = RandomInputs.classTargets(random, rows, columns, ignoreIndex);
        double[] weight = random.nextBoolean() ? null : RandomInputs.weights(random, columns);
        Reduction reduction = RandomInputs.reduction(random);

        NegativeLogLikelihood.Result result =
                NegativeLogLikelihood.ofLogProbabilities(
                        input,
                        target,
                        new NegativeLogLikelihood.Options(weight, ignoreIndex, reduction));

        assertMatchesFiniteDifferences(
                input,
                result.denseGradient(),
                x ->
                        returned(
                                NegativeLogLikelihood.ofLogProbabilities(
                                                x,
                                                target,
                                                new NegativeLogLikelihood.Options(
                                                        weight, ignoreIndex, reduction))
                                        .loss()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void binaryCrossEntropyOnProbabilities(long seed) {
        var random = new Random(seed);
        int rows = 1 + random.nextInt(4);
        int columns = 1 + random.nextInt(5);
        // Inside [0.05, 0.95] neither the log clamp nor the 1e-12 floor of x(1 - x) bites.
        Matrix probabilities =
                new Matrix(rows, columns, RandomInputs.uniform(random, rows * columns, 0.05, 0.95));
        Matrix target =
                new Matrix(rows, columns, RandomInputs.uniform(random, rows * columns, 0, 1));
        double[] weight = factors(random, rows, columns);
        Reduction reduction = RandomInputs.reduction(random);

        BinaryCrossEntropy.Result result =
                BinaryCrossEntropy.ofProbabilities(
                        probabilities,
                        target,
                        new BinaryCrossEntropy.Options(weight, null, reduction));

        assertMatchesFiniteDifferences(
                probabilities,
                result.gradient(),
                x ->
                        returned(
                                BinaryCrossEntropy.ofProbabilities(
                                                x,
                                                target,
                                                new BinaryCrossEntropy.Options(
                                                        weight, null, reduction))
                                        .loss()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void binaryCrossEntropyOnLogits(long seed) {
        var random = new Random(seed);
        int rows = 1 + random.nextInt(4);
        int columns = 1 + random.nextInt(5);
        Matrix logits = RandomInputs.matrix(random, rows, columns, 8.0);
        Matrix target =
                new Matrix(rows, columns, RandomInputs.uniform(random, rows * columns, 0, 1));
        double[] weight = factors(random, rows, columns);
        double[] posWeight = factors(random, rows, columns);
        Reduction reduction = RandomInputs.reduction(random);

        BinaryCrossEntropy.Result result =
                BinaryCrossEntropy.ofLogits(
                        logits,
                        target,
                        new BinaryCrossEntropy.Options(weight, posWeight, reduction));

        assertMatchesFiniteDifferences(
                logits,
                result.gradient(),
                x ->
                        returned(
                                BinaryCrossEntropy.ofLogits(
                                                x,
                                                target,
                                                new BinaryCrossEntropy.Options(
                                                        weight, posWeight, reduction))
                                        .loss()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void softmaxVectorJacobianProduct(long seed) {
        var random = new Random(seed);
        int rows = 1 + random.nextInt(4);
        int columns = 1 + random.nextInt(6);
        Matrix logits = RandomInputs.matrix(random, rows, columns, 5.0);
        Matrix upstream = RandomInputs.matrix(random, rows, columns, 2.0);
        double temperature = random.nextBoolean() ? 1.0 : 0.3 + 3 * random.nextDouble();

        Matrix gradient =
                Softmax.vectorJacobianProduct(
                        Softmax.ofLogits(logits, temperature).probabilities(),
                        upstream,
                        temperature);

        // f(x) = sum_nc g_nc * softmax(x / T)_nc, whose gradient is the VJP.
        assertMatchesFiniteDifferences(
                logits,
                gradient,
                x -> {
                    double[] p = Softmax.ofLogits(x, temperature).probabilities().values();
                    double f = 0;
                    for (int i = 0; i < p.length; i++) {
                        f += upstream.values()[i] * p[i];
                    }
                    return f;
                });
    }

    private static double smoothing(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0.0;
            case 1 -> 0.1;
            case 2 -> 1.0;
            default -> random.nextDouble();
        };
    }

    /** None, per class (length C) or per element (length N*C), each in [0.1, 2). */
    private static double[] factors(Random random, int rows, int columns) {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> RandomInputs.weights(random, columns);
            default -> RandomInputs.weights(random, rows * columns);
        };
    }

    /** The number whose gradient the core returns: the loss, or for NONE the sum of losses. */
    private static double returned(ReducedLoss loss) {
        return loss.reduction() == Reduction.NONE ? loss.lossSum() : loss.value();
    }

    private static void assertMatchesFiniteDifferences(
            Matrix input, Matrix gradient, ToDoubleFunction<Matrix> function) {
        assertThat(gradient.rows()).isEqualTo(input.rows());
        assertThat(gradient.columns()).isEqualTo(input.columns());
        FiniteDifferences.assertGradient(
                input.values(),
                gradient.values(),
                values ->
                        function.applyAsDouble(new Matrix(input.rows(), input.columns(), values)));
    }
}
