package dev.lossservice.core;

import static dev.lossservice.core.Fixtures.doubles;
import static dev.lossservice.core.Fixtures.ints;
import static dev.lossservice.core.Fixtures.matrix;
import static dev.lossservice.core.Fixtures.optionalDoubles;
import static dev.lossservice.core.Tolerance.assertAllClose;
import static dev.lossservice.core.Tolerance.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BinaryCrossEntropyTests {

    // PyTorch 1.13 float64, F.binary_cross_entropy and F.binary_cross_entropy_with_logits:
    // src/test/resources/fixtures/bce.json, written by scripts/generate_fixtures.py.
    static Stream<Arguments> pyTorchCases() {
        return Fixtures.cases("bce.json");
    }

    @ParameterizedTest
    @MethodSource("pyTorchCases")
    void agreesWithPyTorch(Fixtures.Case fixture) {
        boolean onLogits = fixture.hasInput("logits");
        Matrix input = matrix(fixture.input(onLogits ? "logits" : "probabilities"));
        Matrix target = matrix(fixture.input("target"));
        if (fixture.hasInput("targetClasses")) {
            // The sigmoid multi-class recipe: the one-hot rows of the class indices are the target.
            target = oneHot(ints(fixture.input("targetClasses")), input.columns());
            assertThat(target.values()).containsExactly(doubles(fixture.input("target")));
        }
        double[] weight = optionalDoubles(fixture.option("weight"));

        BinaryCrossEntropy.Result result =
                onLogits
                        ? BinaryCrossEntropy.ofLogits(
                                input,
                                target,
                                new BinaryCrossEntropy.Options(
                                        weight,
                                        optionalDoubles(fixture.option("posWeight")),
                                        fixture.reduction()))
                        : BinaryCrossEntropy.ofProbabilities(
                                input,
                                target,
                                new BinaryCrossEntropy.Options(weight, null, fixture.reduction()));

        fixture.assertReducedLoss(result.loss());
        assertAllClose(
                fixture.at("elementLosses"),
                doubles(fixture.expect("elementLosses")),
                result.elementLosses().values());
        assertAllClose(
                fixture.at("sampleLosses"),
                doubles(fixture.expect("sampleLosses")),
                result.sampleLosses());
        assertAllClose(
                fixture.at("gradient"),
                doubles(fixture.expect("gradient")),
                result.gradient().values());
        if (onLogits) {
            assertAllClose(
                    fixture.at("sigmoid"),
                    doubles(fixture.expect("sigmoid")),
                    result.sigmoid().values());
        } else {
            assertThat(result.sigmoid()).isNull();
        }
    }

    private static Matrix oneHot(int[] classes, int columns) {
        Matrix target = Matrix.zeros(classes.length, columns);
        for (int n = 0; n < classes.length; n++) {
            target.values()[n * columns + classes[n]] = 1.0;
        }
        return target;
    }

    static LongStream seeds() {
        return RandomInputs.seeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void logitsGiveWhatTheirSigmoidGivesAsProbabilities(long seed) {
        // Where the log clamp at -100 and the gradient floor 1e-12 do not bite (|x| <= 12 keeps
        // sigma(1 - sigma) above 6e-6), BCEWithLogits(x) = BCE(sigma(x)) and, by the chain rule,
        // d/dx = d/dsigma * sigma * (1 - sigma). BCE on sigma(x) loses the digits of 1 - sigma,
        // about eps / (1 - sigma) relative, hence the looser tolerance.
        var random = new Random(seed);
        int rows = 1 + random.nextInt(4);
        int columns = 1 + random.nextInt(5);
        Matrix logits = RandomInputs.matrix(random, rows, columns, 12.0);
        Matrix target = RandomInputs.matrix(random, rows, columns, 0.5);
        for (int i = 0; i < target.size(); i++) {
            target.values()[i] += 0.5;
        }
        double[] weight =
                switch (random.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> RandomInputs.weights(random, columns);
                    default -> RandomInputs.weights(random, rows * columns);
                };
        Reduction reduction = RandomInputs.reduction(random);

        BinaryCrossEntropy.Result viaLogits =
                BinaryCrossEntropy.ofLogits(
                        logits, target, new BinaryCrossEntropy.Options(weight, null, reduction));
        Matrix sigmoid = viaLogits.sigmoid();
        BinaryCrossEntropy.Result viaProbabilities =
                BinaryCrossEntropy.ofProbabilities(
                        sigmoid, target, new BinaryCrossEntropy.Options(weight, null, reduction));

        double tolerance = 1e-8;
        assertThat(viaLogits.loss().lossSum())
                .isCloseTo(
                        viaProbabilities.loss().lossSum(),
                        relative(viaProbabilities.loss().lossSum(), tolerance));
        assertThat(viaLogits.loss().denominator()).isEqualTo(viaProbabilities.loss().denominator());
        double[] s = sigmoid.values();
        for (int i = 0; i < s.length; i++) {
            double expectedLoss = viaProbabilities.elementLosses().values()[i];
            assertThat(viaLogits.elementLosses().values()[i])
                    .as("elementLosses[%d]", i)
                    .isCloseTo(expectedLoss, relative(expectedLoss, tolerance));
            double expectedGradient = viaProbabilities.gradient().values()[i] * s[i] * (1 - s[i]);
            assertThat(viaLogits.gradient().values()[i])
                    .as("gradient[%d]", i)
                    .isCloseTo(expectedGradient, relative(expectedGradient, tolerance));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unweightedLogitsTakeTheVectorisedLoopWithTheGeneralLoopsValues(long seed) {
        // weight == null runs the vectorised loops; a weight of ones runs the general loop. Every
        // output must be the same bits: w = 1 multiplies exactly, and both use one log and sigmoid.
        var random = new Random(seed);
        int rows = 1 + random.nextInt(300);
        int columns = 1 + random.nextInt(400);
        // Wide logits reach exp(-|x|) underflow (|x| > 745) and both sides of the sigmoid split.
        Matrix logits = RandomInputs.matrix(random, rows, columns, seed % 2 == 0 ? 5.0 : 800.0);
        Matrix target = RandomInputs.matrix(random, rows, columns, 1.0);
        double[] ones = new double[columns];
        Arrays.fill(ones, 1.0);
        Reduction reduction = RandomInputs.reduction(random);

        BinaryCrossEntropy.Result fast =
                BinaryCrossEntropy.ofLogits(
                        logits, target, new BinaryCrossEntropy.Options(null, null, reduction));
        BinaryCrossEntropy.Result general =
                BinaryCrossEntropy.ofLogits(
                        logits, target, new BinaryCrossEntropy.Options(ones, null, reduction));

        assertThat(fast.elementLosses().values()).isEqualTo(general.elementLosses().values());
        assertThat(fast.sigmoid().values()).isEqualTo(general.sigmoid().values());
        assertThat(fast.gradient().values()).isEqualTo(general.gradient().values());
        assertThat(fast.sampleLosses()).isEqualTo(general.sampleLosses());
        assertThat(fast.loss().lossSum()).isEqualTo(general.loss().lossSum());
    }

    private static Offset<Double> relative(double expected, double tolerance) {
        return within(tolerance * Math.abs(expected) + 1e-14);
    }

    @Test
    void targetOfAnotherShapeIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.ofProbabilities(
                                        Matrix.zeros(2, 2),
                                        Matrix.zeros(2, 1),
                                        BinaryCrossEntropy.Options.defaults()))
                .withMessage("target shape 2 x 1 differs from input 2 x 2");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.ofLogits(
                                        Matrix.zeros(2, 2),
                                        Matrix.zeros(1, 2),
                                        BinaryCrossEntropy.Options.defaults()))
                .withMessage("target shape 1 x 2 differs from input 2 x 2");
    }

    @Test
    void weightOfNeitherClassNorElementLengthIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.ofProbabilities(
                                        Matrix.zeros(2, 2),
                                        Matrix.zeros(2, 2),
                                        new BinaryCrossEntropy.Options(
                                                new double[3], null, Reduction.MEAN)))
                .withMessage("weight has length 3, expected 2 (per class) or 4 (per element)");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.ofLogits(
                                        Matrix.zeros(2, 2),
                                        Matrix.zeros(2, 2),
                                        new BinaryCrossEntropy.Options(
                                                null, new double[1], Reduction.MEAN)))
                .withMessage("posWeight has length 1, expected 2 (per class) or 4 (per element)");
    }

    @Test
    void nonFiniteWeightIsRejectedAndANegativeOneIsNot() {
        // PyTorch checks neither the sign of weight nor that of pos_weight.
        assertThat(
                        BinaryCrossEntropy.ofProbabilities(
                                        Matrix.zeros(1, 2),
                                        Matrix.zeros(1, 2),
                                        new BinaryCrossEntropy.Options(
                                                new double[] {1, -2}, null, Reduction.SUM))
                                .loss()
                                .lossSum())
                .isFinite();
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.ofLogits(
                                        Matrix.zeros(1, 2),
                                        Matrix.zeros(1, 2),
                                        new BinaryCrossEntropy.Options(
                                                null, new double[] {1, Double.NaN}, Reduction.SUM)))
                .withMessage("posWeight[1] must be finite, got NaN");
    }

    @Test
    void posWeightWithProbabilitiesIsRejected() {
        // BCELoss has no pos_weight: only BCEWithLogitsLoss takes one.
        var options = new BinaryCrossEntropy.Options(null, new double[] {1, 1}, Reduction.MEAN);
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.ofProbabilities(
                                        Matrix.zeros(1, 2), Matrix.zeros(1, 2), options))
                .withMessage("posWeight applies only to logits");
    }

    @Test
    void optionsRequireAReductionAndDefaultToPyTorchs() {
        assertThatNullPointerException()
                .isThrownBy(() -> new BinaryCrossEntropy.Options(null, null, null))
                .withMessage("reduction");
        assertThat(BinaryCrossEntropy.Options.defaults())
                .isEqualTo(new BinaryCrossEntropy.Options(null, null, Reduction.MEAN));
    }

    @Test
    void probabilityOutsideTheUnitIntervalOrNonFiniteTargetIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.ofProbabilities(
                                        new Matrix(1, 3, new double[] {0, 1, 1.5}),
                                        Matrix.zeros(1, 3),
                                        BinaryCrossEntropy.Options.defaults()))
                .withMessage("probabilities[2] must be in [0, 1], got 1.5");
        // A target outside [0, 1] is PyTorch's business only for its value (bce_v2.json).
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.ofProbabilities(
                                        Matrix.zeros(1, 3),
                                        new Matrix(1, 3, new double[] {-0.1, Double.NaN, 0}),
                                        BinaryCrossEntropy.Options.defaults()))
                .withMessage("target[1] must be finite, got NaN");
    }

    @Test
    void logitsAcceptTargetsOutsideTheUnitIntervalAsPyTorchDoes() {
        // PyTorch 1.13 float64 (run by hand, not in the fixtures, which keep to [0, 1]):
        // F.binary_cross_entropy_with_logits(tensor([0.5]), tensor([2.0]), reduction='sum')
        // gives -0.025923015819893314.
        BinaryCrossEntropy.Result result =
                BinaryCrossEntropy.ofLogits(
                        new Matrix(1, 1, new double[] {0.5}),
                        new Matrix(1, 1, new double[] {2.0}),
                        new BinaryCrossEntropy.Options(null, null, Reduction.SUM));
        assertClose("loss", -0.025923015819893314, result.loss().value());
    }
}
