package dev.lossservice.core;

import static dev.lossservice.core.Fixtures.booleans;
import static dev.lossservice.core.Fixtures.doubles;
import static dev.lossservice.core.Fixtures.ints;
import static dev.lossservice.core.Fixtures.matrix;
import static dev.lossservice.core.Fixtures.number;
import static dev.lossservice.core.Fixtures.optionalDoubles;
import static dev.lossservice.core.Tolerance.assertAllClose;
import static dev.lossservice.core.Tolerance.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrossEntropyTests {

    // PyTorch 1.13 float64, F.cross_entropy: src/test/resources/fixtures/cross_entropy.json,
    // written by scripts/generate_fixtures.py.
    static Stream<Arguments> pyTorchCases() {
        return Fixtures.cases("cross_entropy.json");
    }

    @ParameterizedTest
    @MethodSource("pyTorchCases")
    void agreesWithPyTorch(Fixtures.Case fixture) {
        Matrix logits = matrix(fixture.input("logits"));
        double[] weight = optionalDoubles(fixture.option("weight"));
        double smoothing = number(fixture.option("labelSmoothing"));
        boolean classIndices = fixture.hasInput("target");
        int ignoreIndex =
                classIndices
                        ? fixture.option("ignoreIndex").asInt()
                        : CrossEntropy.DEFAULT_IGNORE_INDEX;
        var options = new CrossEntropy.Options(weight, ignoreIndex, smoothing, fixture.reduction());

        CrossEntropy.Result result =
                classIndices
                        ? CrossEntropy.ofLogits(logits, ints(fixture.input("target")), options)
                        : CrossEntropy.ofLogits(
                                logits, matrix(fixture.input("targetProbabilities")), options);

        fixture.assertReducedLoss(result.loss());
        assertAllClose(
                fixture.at("sampleLosses"),
                doubles(fixture.expect("sampleLosses")),
                result.sampleLosses());
        assertAllClose(
                fixture.at("probabilities"),
                doubles(fixture.expect("probabilities")),
                result.probabilities().values());
        assertThat(result.predictedClass())
                .as(fixture.at("predictedClass (torch.argmax)"))
                .containsExactly(ints(fixture.expect("predictedClass")));
        assertAllClose(
                fixture.at("gradient"),
                doubles(fixture.expect("gradient")),
                result.gradient().values());
        assertThat(result.gradient().rows()).isEqualTo(logits.rows());
        assertThat(result.gradient().columns()).isEqualTo(logits.columns());
        if (classIndices) {
            assertAllClose(
                    fixture.at("sampleWeights"),
                    doubles(fixture.expect("sampleWeights")),
                    result.sampleWeights());
            assertThat(result.ignored())
                    .as(fixture.at("ignored"))
                    .containsExactly(booleans(fixture.expect("ignored")));
        } else {
            // Documented by the core: probability targets weigh every sample 1 and ignore none.
            double[] ones = new double[logits.rows()];
            Arrays.fill(ones, 1.0);
            assertThat(result.sampleWeights()).containsExactly(ones);
            assertThat(result.ignored()).containsOnly(false);
        }
    }

    @Test
    void seedExampleGivesTheLossOfTheApiContract() {
        Matrix logits =
                new Matrix(
                        3,
                        4,
                        new double[] {
                            -1.0606, 1.5613, 1.2007, -0.2481,
                            -1.9652, -0.4367, -0.0645, -0.5104,
                            0.1011, -0.5904, 0.0243, 0.1002
                        });

        CrossEntropy.Result result =
                CrossEntropy.ofLogits(logits, new int[] {0, 2, 1}, CrossEntropy.Options.defaults());

        // PyTorch 1.13 float64: F.cross_entropy(logits, tensor([0, 2, 1])).item()
        assertClose("loss", 2.0373472850337726, result.loss().value());
        assertThat(result.loss().denominator()).isEqualTo(3.0);
        assertThat(result.predictedClass()).containsExactly(1, 2, 0);
    }

    static LongStream seeds() {
        return RandomInputs.seeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void lossAloneIsTheFullEvaluationsLossBitForBit(long seed) {
        // Shapes from one row to batches that the core splits into parallel blocks; the smoothed
        // and the multi-dimensional cases take the full evaluation inside and must agree too.
        var random = new Random(seed);
        int batch = random.nextBoolean() ? 1 + random.nextInt(6) : 200 + random.nextInt(2000);
        int classes = 1 + random.nextInt(random.nextBoolean() ? 6 : 300);
        int inner = seed % 5 == 0 ? 1 + random.nextInt(4) : 1;
        var shape = new ClassShape(batch, classes, inner);
        double[] logits = RandomInputs.uniform(random, shape.elements(), -30, 30);
        int ignoreIndex = RandomInputs.ignoreIndex(random, classes);
        int[] target = RandomInputs.classTargets(random, shape.positions(), classes, ignoreIndex);
        double[] weight = random.nextBoolean() ? null : RandomInputs.weights(random, classes);
        double smoothing = seed % 7 == 0 ? 0.1 : 0;
        var options =
                new CrossEntropy.Options(
                        weight, ignoreIndex, smoothing, RandomInputs.reduction(random));

        ReducedLoss alone = CrossEntropy.lossOfLogits(logits, shape, target, options);
        ReducedLoss full = CrossEntropy.ofLogits(logits, shape, target, options, null).loss();

        assertThat(alone.reduction()).isEqualTo(full.reduction());
        assertThat(Double.doubleToRawLongBits(alone.lossSum()))
                .as("lossSum %s against %s", alone.lossSum(), full.lossSum())
                .isEqualTo(Double.doubleToRawLongBits(full.lossSum()));
        assertThat(Double.doubleToRawLongBits(alone.denominator()))
                .isEqualTo(Double.doubleToRawLongBits(full.denominator()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void equalsNllOfLogSoftmaxWithoutSmoothing(long seed) {
        // CE(x, t) = NLL(log_softmax(x), t) for every weight, ignoreIndex and reduction; the
        // gradients are related by the log-softmax VJP: dCE = dNLL - p * sum_c dNLL_c.
        var random = new Random(seed);
        int rows = 1 + random.nextInt(5);
        int columns = 1 + random.nextInt(6);
        Matrix logits = RandomInputs.matrix(random, rows, columns, 8.0);
        int ignoreIndex = RandomInputs.ignoreIndex(random, columns);
        int[] target = RandomInputs.classTargets(random, rows, columns, ignoreIndex);
        double[] weight = random.nextBoolean() ? null : RandomInputs.weights(random, columns);
        Reduction reduction = RandomInputs.reduction(random);

        CrossEntropy.Result ce =
                CrossEntropy.ofLogits(
                        logits,
                        target,
                        new CrossEntropy.Options(weight, ignoreIndex, 0, reduction));
        Matrix logProbabilities = Softmax.ofLogits(logits, 1.0).logProbabilities();
        NegativeLogLikelihood.Result nll =
                NegativeLogLikelihood.ofLogProbabilities(
                        logProbabilities,
                        target,
                        new NegativeLogLikelihood.Options(weight, ignoreIndex, reduction));

        assertThat(ce.loss().denominator()).isEqualTo(nll.loss().denominator());
        assertClose("loss", nll.loss().value(), ce.loss().value());
        assertClose("lossSum", nll.loss().lossSum(), ce.loss().lossSum());
        assertAllClose("sampleLosses", nll.sampleLosses(), ce.sampleLosses());
        assertThat(ce.sampleWeights()).containsExactly(nll.sampleWeights());
        assertThat(ce.ignored()).containsExactly(nll.ignored());
        double[] p = ce.probabilities().values();
        double[] g = nll.denseGradient().values();
        double[] expected = new double[g.length];
        for (int n = 0; n < rows; n++) {
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                sum += g[n * columns + c];
            }
            for (int c = 0; c < columns; c++) {
                expected[n * columns + c] = g[n * columns + c] - p[n * columns + c] * sum;
            }
        }
        assertAllClose("gradient", expected, ce.gradient().values());
    }

    @Test
    void targetOfTheWrongLengthIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                CrossEntropy.ofLogits(
                                        Matrix.zeros(3, 4),
                                        new int[] {0, 1},
                                        CrossEntropy.Options.defaults()))
                .withMessage("target has length 2, input has 3 rows");
    }

    @Test
    void targetOutsideTheClassesIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                CrossEntropy.ofLogits(
                                        Matrix.zeros(2, 4),
                                        new int[] {0, 4},
                                        CrossEntropy.Options.defaults()))
                .withMessage("target[1] = 4 is outside [0, 4)");
    }

    @Test
    void defaultIgnoreIndexIsOutOfRangeWhenAnotherIgnoreIndexIsSet() {
        // PyTorch too rejects -100 once ignore_index is something else.
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                CrossEntropy.ofLogits(
                                        Matrix.zeros(2, 4),
                                        new int[] {-100, 1},
                                        new CrossEntropy.Options(null, 1, 0, Reduction.MEAN)))
                .withMessage("target[0] = -100 is outside [0, 4)");
    }

    @Test
    void weightOfTheWrongLengthIsRejected() {
        var options = new CrossEntropy.Options(new double[] {1, 2, 3}, -100, 0, Reduction.MEAN);
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> CrossEntropy.ofLogits(Matrix.zeros(2, 4), new int[] {0, 1}, options))
                .withMessage("weight has length 3, expected 4 classes");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                CrossEntropy.ofLogits(
                                        Matrix.zeros(2, 4), Matrix.zeros(2, 4), options))
                .withMessage("weight has length 3, expected 4 classes");
    }

    @Test
    void targetProbabilitiesOfAnotherShapeAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                CrossEntropy.ofLogits(
                                        Matrix.zeros(2, 4),
                                        Matrix.zeros(2, 3),
                                        CrossEntropy.Options.defaults()))
                .withMessage("targetProbabilities shape 2 x 3 differs from logits 2 x 4");
    }

    @Test
    void labelSmoothingOutsideTheUnitIntervalIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CrossEntropy.Options(null, -100, 1.5, Reduction.MEAN))
                .withMessage("labelSmoothing must be in [0, 1], got 1.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CrossEntropy.Options(null, -100, -0.1, Reduction.MEAN))
                .withMessage("labelSmoothing must be in [0, 1], got -0.1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CrossEntropy.Options(null, -100, Double.NaN, Reduction.MEAN))
                .withMessage("labelSmoothing must be in [0, 1], got NaN");
    }

    @Test
    void nonFiniteWeightIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                new CrossEntropy.Options(
                                        new double[] {Double.POSITIVE_INFINITY},
                                        -100,
                                        0,
                                        Reduction.MEAN))
                .withMessage("weight[0] must be finite, got Infinity");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                new CrossEntropy.Options(
                                        new double[] {Double.NaN}, -100, 0, Reduction.MEAN))
                .withMessage("weight[0] must be finite, got NaN");
    }

    @Test
    void negativeWeightIsAcceptedAsPyTorchAcceptsIt() {
        assertThatNoException()
                .isThrownBy(
                        () ->
                                new CrossEntropy.Options(
                                        new double[] {1, -0.5}, -100, 0, Reduction.MEAN));
    }

    @Test
    void reductionIsRequired() {
        assertThatNullPointerException()
                .isThrownBy(() -> new CrossEntropy.Options(null, -100, 0, null))
                .withMessage("reduction");
    }
}
