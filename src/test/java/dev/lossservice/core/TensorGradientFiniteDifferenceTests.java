package dev.lossservice.core;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradients of the entry points over tensors of any rank against central finite differences,
 * with the step and tolerance of {@link GradientFiniteDifferenceTests}: BCE with broadcast weights
 * of any sign, targets outside [0, 1] and an upstream gradient; softmax and log-softmax backward
 * along any dimension. Each gradient is a vector-Jacobian product {@code u . dF/dx}, so the
 * function differenced is {@code u . F(x)}.
 */
class TensorGradientFiniteDifferenceTests {

    static LongStream seeds() {
        return RandomInputs.seeds();
    }

    /** A random shape of rank 0 to 4, each size 1 to 3. */
    private static int[] shape(Random random) {
        int[] shape = new int[random.nextInt(5)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = 1 + random.nextInt(3);
        }
        return shape;
    }

    /** A shape that broadcasts to {@code shape}: a random suffix, each size kept or set to 1. */
    private static int[] broadcastShape(Random random, int[] shape) {
        int rank = random.nextInt(shape.length + 1);
        int[] factor = Arrays.copyOfRange(shape, shape.length - rank, shape.length);
        for (int d = 0; d < rank; d++) {
            if (random.nextBoolean()) {
                factor[d] = 1;
            }
        }
        return factor;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void binaryCrossEntropyOfAnyRank(long seed) {
        var random = new Random(seed);
        int[] shape = shape(random);
        int size = Shapes.size(shape);
        boolean logits = random.nextBoolean();
        double[] x =
                logits
                        ? RandomInputs.uniform(random, size, -5, 5)
                        : RandomInputs.uniform(random, size, 0.05, 0.95);
        // Targets in [-1, 2): outside [0, 1] too, as PyTorch allows.
        double[] y = RandomInputs.uniform(random, size, -1, 2);
        int[] weightShape = broadcastShape(random, shape);
        double[] weight =
                random.nextBoolean()
                        ? null
                        : RandomInputs.uniform(random, Shapes.size(weightShape), -2, 2);
        int[] posShape = broadcastShape(random, shape);
        double[] pos =
                logits && random.nextBoolean()
                        ? RandomInputs.uniform(random, Shapes.size(posShape), -1, 3)
                        : null;
        Reduction reduction = RandomInputs.reduction(random);
        var options =
                BinaryCrossEntropy.Options.broadcast(
                        weight, weightShape, pos, posShape, reduction, shape);
        double[] upstream =
                RandomInputs.uniform(random, reduction == Reduction.NONE ? size : 1, -2, 2);
        ToDoubleFunction<double[]> loss =
                input -> {
                    BinaryCrossEntropy.Result result =
                            logits
                                    ? BinaryCrossEntropy.ofLogits(input, y, shape, options)
                                    : BinaryCrossEntropy.ofProbabilities(input, y, shape, options);
                    if (reduction != Reduction.NONE) {
                        return upstream[0] * result.loss().value();
                    }
                    double sum = 0;
                    double[] l = result.elementLosses().values();
                    for (int i = 0; i < l.length; i++) {
                        sum += upstream[i] * l[i];
                    }
                    return sum;
                };
        BinaryCrossEntropy.Result result =
                logits
                        ? BinaryCrossEntropy.ofLogits(x, y, shape, options)
                        : BinaryCrossEntropy.ofProbabilities(x, y, shape, options);

        FiniteDifferences.assertGradient(
                x, BinaryCrossEntropy.vectorJacobianProduct(result, upstream).values(), loss);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void softmaxAndLogSoftmaxAlongAnyDimension(long seed) {
        var random = new Random(seed);
        int[] shape = shape(random);
        int size = Shapes.size(shape);
        int rank = Math.max(shape.length, 1);
        int dim = random.nextInt(2 * rank) - rank;
        double temperature = random.nextBoolean() ? 1.0 : 0.5 + 2 * random.nextDouble();
        double[] x = RandomInputs.uniform(random, size, -4, 4);
        double[] upstream = RandomInputs.uniform(random, size, -2, 2);
        boolean logarithmic = random.nextBoolean();
        ToDoubleFunction<double[]> projected =
                input -> {
                    Softmax.AlongDim result = Softmax.ofLogits(input, shape, dim, temperature);
                    double[] out = logarithmic ? result.logProbabilities() : result.probabilities();
                    double sum = 0;
                    for (int i = 0; i < out.length; i++) {
                        sum += upstream[i] * out[i];
                    }
                    return sum;
                };
        double[] p = Softmax.ofLogits(x, shape, dim, temperature).probabilities();
        double[] gradient =
                logarithmic
                        ? Softmax.logVectorJacobianProduct(p, upstream, shape, dim, temperature)
                        : Softmax.vectorJacobianProduct(p, upstream, shape, dim, temperature);

        FiniteDifferences.assertGradient(x, gradient, projected);
    }
}
