package dev.lossservice.core;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradients of cross-entropy and NLL over positions ({@link ClassShape}: unbatched, {@code N x
 * C}, {@code N x C x S}), upstream gradients and negative weights included, against central finite
 * differences of the function they differentiate: {@code u * loss} for {@code MEAN} and {@code
 * SUM}, {@code sum_p u_p * loss_p} for {@code NONE}. The step and tolerance are those of {@link
 * GradientFiniteDifferenceTests}.
 */
class RankGradientFiniteDifferenceTests {

    static LongStream seeds() {
        return RandomInputs.seeds();
    }

    /** Random inputs of one seed. */
    private record Inputs(
            ClassShape shape,
            double[] x,
            int[] target,
            double[] probabilities,
            double[] weight,
            int ignoreIndex,
            Reduction reduction,
            double[] upstream) {

        static Inputs of(long seed) {
            Random random = new Random(seed);
            ClassShape shape =
                    new ClassShape(
                            1 + random.nextInt(3), 1 + random.nextInt(4), 1 + random.nextInt(6));
            int classes = shape.classes();
            double[] x = RandomInputs.uniform(random, shape.elements(), -5, 5);
            int ignoreIndex = RandomInputs.ignoreIndex(random, classes);
            int[] target =
                    RandomInputs.classTargets(random, shape.positions(), classes, ignoreIndex);
            // Outside [0, 1] as PyTorch's own tests send them (randn).
            double[] probabilities = RandomInputs.uniform(random, shape.elements(), -0.5, 1.5);
            double[] weight = null;
            if (random.nextBoolean()) {
                weight = RandomInputs.weights(random, classes);
                // One negative weight, as PyTorch accepts; a mean's denominator stays away from 0.
                int negative = random.nextInt(classes);
                weight[negative] = -weight[negative] * 0.2;
            }
            Reduction reduction = RandomInputs.reduction(random);
            double[] upstream =
                    switch (random.nextInt(3)) {
                        case 0 -> null;
                        default ->
                                reduction == Reduction.NONE
                                        ? RandomInputs.uniform(random, shape.positions(), -2, 2)
                                        : new double[] {-2 + 4 * random.nextDouble()};
                    };
            return new Inputs(
                    shape, x, target, probabilities, weight, ignoreIndex, reduction, upstream);
        }

        /** What the gradient differentiates: the returned loss times the upstream gradient. */
        double function(ReducedLoss loss, double[] sampleLosses) {
            if (reduction == Reduction.NONE) {
                double sum = 0;
                for (int p = 0; p < sampleLosses.length; p++) {
                    sum += (upstream == null ? 1 : upstream[p]) * sampleLosses[p];
                }
                return sum;
            }
            return (upstream == null ? 1 : upstream[0]) * loss.value();
        }

        boolean meanNearZero(double denominator) {
            return reduction == Reduction.MEAN && Math.abs(denominator) < 0.05;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void crossEntropyWithClassIndices(long seed) {
        Inputs in = Inputs.of(seed);
        double smoothing = seed % 3 == 0 ? 0.0 : 0.3;
        var options =
                new CrossEntropy.Options(in.weight(), in.ignoreIndex(), smoothing, in.reduction());
        CrossEntropy.Positions result =
                CrossEntropy.ofLogits(in.x(), in.shape(), in.target(), options, in.upstream());
        if (in.meanNearZero(result.loss().denominator())) {
            return;
        }
        FiniteDifferences.assertGradient(
                in.x(),
                result.gradient(),
                x -> {
                    var r = CrossEntropy.ofLogits(x, in.shape(), in.target(), options, null);
                    return in.function(r.loss(), r.sampleLosses());
                });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void crossEntropyWithProbabilities(long seed) {
        Inputs in = Inputs.of(seed);
        double smoothing = seed % 2 == 0 ? 0.0 : 0.2;
        var options =
                new CrossEntropy.Options(
                        in.weight(), CrossEntropy.DEFAULT_IGNORE_INDEX, smoothing, in.reduction());
        CrossEntropy.Positions result =
                CrossEntropy.ofLogits(
                        in.x(), in.shape(), in.probabilities(), options, in.upstream());
        FiniteDifferences.assertGradient(
                in.x(),
                result.gradient(),
                x -> {
                    var r = CrossEntropy.ofLogits(x, in.shape(), in.probabilities(), options, null);
                    return in.function(r.loss(), r.sampleLosses());
                });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void negativeLogLikelihood(long seed) {
        Inputs in = Inputs.of(seed);
        var options =
                new NegativeLogLikelihood.Options(in.weight(), in.ignoreIndex(), in.reduction());
        NegativeLogLikelihood.Positions result =
                NegativeLogLikelihood.ofLogProbabilities(
                        in.x(), in.shape(), in.target(), options, in.upstream());
        if (in.meanNearZero(result.loss().denominator())) {
            return;
        }
        FiniteDifferences.assertGradient(
                in.x(),
                result.gradient(),
                x -> {
                    var r =
                            NegativeLogLikelihood.ofLogProbabilities(
                                    x, in.shape(), in.target(), options, null);
                    return in.function(r.loss(), r.sampleLosses());
                });
    }
}
