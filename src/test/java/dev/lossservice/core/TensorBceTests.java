package dev.lossservice.core;

import static dev.lossservice.core.Fixtures.flat;
import static dev.lossservice.core.Fixtures.ints;
import static dev.lossservice.core.Fixtures.optionalFlat;
import static dev.lossservice.core.Fixtures.optionalInts;
import static dev.lossservice.core.Tolerance.assertAllClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** BCE on tensors of any rank, with broadcast weights and upstream gradients. */
class TensorBceTests {

    // PyTorch 1.13 float64: src/test/resources/fixtures/bce_v2.json, written by
    // scripts/generate_fixtures_bs.py (each case names the PyTorch test it ports, if any).
    static Stream<Arguments> pyTorchCases() {
        return Fixtures.cases("bce_v2.json");
    }

    @ParameterizedTest
    @MethodSource("pyTorchCases")
    void agreesWithPyTorch(Fixtures.Case fixture) {
        boolean onLogits = fixture.hasInput("logits");
        int[] shape = ints(fixture.option("shape"));
        double[] input = flat(fixture.input(onLogits ? "logits" : "probabilities"));
        double[] target = flat(fixture.input("target"));
        BinaryCrossEntropy.Options options =
                BinaryCrossEntropy.Options.broadcast(
                        optionalFlat(fixture.option("weight")),
                        optionalInts(fixture.option("weightShape")),
                        optionalFlat(fixture.option("posWeight")),
                        optionalInts(fixture.option("posWeightShape")),
                        fixture.reduction(),
                        shape);

        BinaryCrossEntropy.Result result =
                onLogits
                        ? BinaryCrossEntropy.ofLogits(input, target, shape, options)
                        : BinaryCrossEntropy.ofProbabilities(input, target, shape, options);
        double[] upstream = optionalFlat(fixture.option("upstreamGradient"));
        Matrix gradient =
                upstream == null
                        ? result.gradient()
                        : BinaryCrossEntropy.vectorJacobianProduct(result, upstream);

        fixture.assertReducedLoss(result.loss());
        assertAllClose(
                fixture.at("elementLosses"),
                flat(fixture.expect("elementLosses")),
                values(result.elementLosses()));
        assertAllClose(
                fixture.at("sampleLosses"),
                flat(fixture.expect("sampleLosses")),
                result.sampleLosses());
        assertAllClose(fixture.at("gradient"), flat(fixture.expect("gradient")), values(gradient));
        if (onLogits) {
            assertAllClose(
                    fixture.at("sigmoid"),
                    flat(fixture.expect("sigmoid")),
                    values(result.sigmoid()));
        }
    }

    private static double[] values(Matrix matrix) {
        return matrix == null ? new double[0] : matrix.values();
    }

    @Test
    void weightThatDoesNotBroadcastIsRefusedWithBothShapes() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.Options.broadcast(
                                        new double[] {1, 2},
                                        new int[] {2},
                                        null,
                                        null,
                                        Reduction.MEAN,
                                        new int[] {4, 3}))
                .withMessage("weight of shape [2] does not broadcast to [4, 3]");
    }

    @Test
    void rankThreeSampleLossesSumEachSubTensor() {
        int[] shape = {2, 2, 3};
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.15, 0.25, 0.35};
        double[] y = new double[12];
        BinaryCrossEntropy.Result result =
                BinaryCrossEntropy.ofProbabilities(
                        x, y, shape, BinaryCrossEntropy.Options.defaults());

        double[] l = result.elementLosses().values();
        double first = 0;
        double second = 0;
        for (int i = 0; i < 6; i++) {
            first += l[i];
            second += l[6 + i];
        }
        assertThat(result.sampleLosses()).containsExactly(first, second);
    }

    @Test
    void negativeWeightsAndTargetsOutsideTheUnitIntervalAreAccepted() {
        BinaryCrossEntropy.Result result =
                BinaryCrossEntropy.ofProbabilities(
                        new double[] {0.25, 0.75},
                        new double[] {-1.0, 2.0},
                        new int[] {2},
                        new BinaryCrossEntropy.Options(
                                new double[] {-1.0, 0.5}, null, Reduction.SUM));

        assertThat(result.loss().lossSum()).isFinite();
    }

    @Test
    void probabilitiesOutsideTheUnitIntervalAreStillRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                BinaryCrossEntropy.ofProbabilities(
                                        new double[] {1.5},
                                        new double[] {1.0},
                                        new int[0],
                                        BinaryCrossEntropy.Options.defaults()))
                .withMessage("probabilities[0] must be in [0, 1], got 1.5");
    }
}
