package dev.lossservice.core;

import static dev.lossservice.core.Fixtures.booleans;
import static dev.lossservice.core.Fixtures.doubles;
import static dev.lossservice.core.Fixtures.ints;
import static dev.lossservice.core.Fixtures.matrix;
import static dev.lossservice.core.Fixtures.optionalDoubles;
import static dev.lossservice.core.Tolerance.assertAllClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NegativeLogLikelihoodTests {

    // PyTorch 1.13 float64, F.nll_loss: src/test/resources/fixtures/nll.json, written by
    // scripts/generate_fixtures.py.
    static Stream<Arguments> pyTorchCases() {
        return Fixtures.cases("nll.json");
    }

    @ParameterizedTest
    @MethodSource("pyTorchCases")
    void agreesWithPyTorch(Fixtures.Case fixture) {
        Matrix logProbabilities = matrix(fixture.input("logProbabilities"));

        NegativeLogLikelihood.Result result =
                NegativeLogLikelihood.ofLogProbabilities(
                        logProbabilities,
                        ints(fixture.input("target")),
                        new NegativeLogLikelihood.Options(
                                optionalDoubles(fixture.option("weight")),
                                fixture.option("ignoreIndex").asInt(),
                                fixture.reduction()));

        fixture.assertReducedLoss(result.loss());
        assertAllClose(
                fixture.at("sampleLosses"),
                doubles(fixture.expect("sampleLosses")),
                result.sampleLosses());
        assertAllClose(
                fixture.at("sampleWeights"),
                doubles(fixture.expect("sampleWeights")),
                result.sampleWeights());
        assertThat(result.ignored())
                .as(fixture.at("ignored"))
                .containsExactly(booleans(fixture.expect("ignored")));
        assertAllClose(
                fixture.at("gradient"),
                doubles(fixture.expect("gradient")),
                result.denseGradient().values());
    }

    /**
     * The gradient as the kernel made it before it was kept compact: a zero-filled N x C array with
     * {@code -w[t_n] * scale} written at each target not ignored.
     */
    private static double[] denseGradientAsBefore(
            int rows,
            int columns,
            int[] target,
            double[] weight,
            int ignoreIndex,
            Reduction reduction) {
        double denominator = 0;
        for (int n = 0; n < rows; n++) {
            if (target[n] != ignoreIndex) {
                denominator += weight == null ? 1.0 : weight[target[n]];
            }
        }
        double scale = reduction == Reduction.MEAN ? 1.0 / denominator : 1.0;
        double[] gradient = new double[rows * columns];
        for (int n = 0; n < rows; n++) {
            if (target[n] != ignoreIndex) {
                double w = weight == null ? 1.0 : weight[target[n]];
                gradient[n * columns + target[n]] = -w * scale;
            }
        }
        return gradient;
    }

    /** Raw bits, so that -0.0 differs from 0.0 and NaN is compared by its pattern. */
    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    private static void assertGradientIsTheDenseOneBitForBit(
            Matrix input, int[] target, double[] weight, int ignoreIndex, Reduction reduction) {
        int rows = input.rows();
        int columns = input.columns();
        long[] expected =
                bits(denseGradientAsBefore(rows, columns, target, weight, ignoreIndex, reduction));

        NegativeLogLikelihood.Result result =
                NegativeLogLikelihood.ofLogProbabilities(
                        input,
                        target,
                        new NegativeLogLikelihood.Options(weight, ignoreIndex, reduction));

        OneHotRows gradient = result.gradient();
        assertThat(gradient.rows()).isEqualTo(rows);
        assertThat(gradient.columns()).isEqualTo(columns);
        assertThat(bits(result.denseGradient().values())).containsExactly(expected);
        double[] elements = new double[rows * columns];
        for (int n = 0; n < rows; n++) {
            for (int c = 0; c < columns; c++) {
                elements[n * columns + c] = gradient.get(n, c);
            }
        }
        assertThat(bits(elements)).containsExactly(expected);
    }

    static LongStream seeds() {
        return RandomInputs.seeds();
    }

    /**
     * Weights drawn from 0.0, -0.0 and positive values, so that some targets carry a zero weight (a
     * -0.0 or +0.0 gradient) and some means divide by 0 (a NaN gradient); targets with ignored
     * rows, sometimes all of them.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gradientIsTheDenseComputationBitForBit(long seed) {
        var random = new Random(seed);
        int rows = 1 + random.nextInt(6);
        int columns = 1 + random.nextInt(5);
        Matrix input = RandomInputs.matrix(random, rows, columns, 5.0);
        int ignoreIndex = RandomInputs.ignoreIndex(random, columns);
        int[] target = RandomInputs.classTargets(random, rows, columns, ignoreIndex);
        if (random.nextInt(8) == 0) {
            Arrays.fill(target, ignoreIndex);
        }
        double[] weight = null;
        if (random.nextInt(4) > 0) {
            weight = new double[columns];
            boolean allZero = random.nextInt(3) == 0;
            for (int c = 0; c < columns; c++) {
                weight[c] =
                        switch (allZero ? random.nextInt(2) : random.nextInt(4)) {
                            case 0 -> 0.0;
                            case 1 -> -0.0;
                            default -> 0.1 + 2 * random.nextDouble();
                        };
            }
        }

        for (Reduction reduction : Reduction.values()) {
            assertGradientIsTheDenseOneBitForBit(input, target, weight, ignoreIndex, reduction);
        }
    }

    @Test
    void targetWithZeroWeightHasANegativeZeroGradient() {
        Matrix input = new Matrix(2, 2, new double[] {-0.5, -1, -2, -0.1});
        int[] target = {0, 1};
        double[] weight = {0.0, 1.0};

        for (Reduction reduction : Reduction.values()) {
            assertGradientIsTheDenseOneBitForBit(input, target, weight, -100, reduction);
            OneHotRows gradient =
                    NegativeLogLikelihood.ofLogProbabilities(
                                    input,
                                    target,
                                    new NegativeLogLikelihood.Options(weight, -100, reduction))
                            .gradient();
            assertThat(Double.doubleToRawLongBits(gradient.get(0, 0)))
                    .as(reduction.name())
                    .isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(Double.doubleToRawLongBits(gradient.get(0, 1))).isZero();
        }
    }

    @Test
    void meanOverAZeroDenominatorHasANaNGradientAtEachTargetNotIgnored() {
        Matrix input = new Matrix(3, 2, new double[] {-0.5, -1, -2, -0.1, -1, -1});
        int[] target = {0, 7, 1};

        assertGradientIsTheDenseOneBitForBit(
                input, target, new double[] {0, -0.0}, 7, Reduction.MEAN);
        OneHotRows gradient =
                NegativeLogLikelihood.ofLogProbabilities(
                                input,
                                target,
                                new NegativeLogLikelihood.Options(
                                        new double[] {0, -0.0}, 7, Reduction.MEAN))
                        .gradient();
        assertThat(gradient.get(0, 0)).isNaN();
        assertThat(gradient.get(2, 1)).isNaN();
        assertThat(Double.doubleToRawLongBits(gradient.get(1, 0))).isZero();
        assertThat(Double.doubleToRawLongBits(gradient.get(1, 1))).isZero();
    }

    @Test
    void meanWithEverySampleIgnoredHasAnAllPositiveZeroGradient() {
        Matrix input = new Matrix(2, 3, new double[] {-0.5, -1, -2, -0.1, -1, -1});
        int[] target = {-100, -100};

        assertGradientIsTheDenseOneBitForBit(input, target, null, -100, Reduction.MEAN);
        assertThat(
                        bits(
                                NegativeLogLikelihood.ofLogProbabilities(
                                                input,
                                                target,
                                                new NegativeLogLikelihood.Options(
                                                        null, -100, Reduction.MEAN))
                                        .denseGradient()
                                        .values()))
                .containsOnly(0L);
    }

    @Test
    void targetOutsideTheClassesIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                NegativeLogLikelihood.ofLogProbabilities(
                                        Matrix.zeros(2, 3),
                                        new int[] {-1, 0},
                                        new NegativeLogLikelihood.Options(
                                                null, -100, Reduction.SUM)))
                .withMessage("target[0] = -1 is outside [0, 3)");
    }

    @Test
    void targetOfTheWrongLengthIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                NegativeLogLikelihood.ofLogProbabilities(
                                        Matrix.zeros(2, 3),
                                        new int[] {0, 1, 2},
                                        new NegativeLogLikelihood.Options(
                                                null, -100, Reduction.SUM)))
                .withMessage("target has length 3, input has 2 rows");
    }

    @Test
    void weightIsCheckedAsForCrossEntropy() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                NegativeLogLikelihood.ofLogProbabilities(
                                        Matrix.zeros(2, 3),
                                        new int[] {0, 1},
                                        new NegativeLogLikelihood.Options(
                                                new double[] {1, 1}, -100, Reduction.MEAN)))
                .withMessage("weight has length 2, expected 3 classes");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                NegativeLogLikelihood.ofLogProbabilities(
                                        Matrix.zeros(2, 3),
                                        new int[] {0, 1},
                                        new NegativeLogLikelihood.Options(
                                                new double[] {Double.NaN, 1, 1},
                                                -100,
                                                Reduction.MEAN)))
                .withMessage("weight[0] must be finite, got NaN");
    }

    @Test
    void defaultOptionsArePyTorchs() {
        assertThat(NegativeLogLikelihood.Options.defaults())
                .isEqualTo(new NegativeLogLikelihood.Options(null, -100, Reduction.MEAN));
    }

    @Test
    void reductionIsRequired() {
        assertThatNullPointerException()
                .isThrownBy(() -> new NegativeLogLikelihood.Options(null, -100, null))
                .withMessage("reduction");
    }
}
