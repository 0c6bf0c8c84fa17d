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
                NegativeLogLikelihood.compute(
                        logProbabilities,
                        ints(fixture.input("target")),
                        optionalDoubles(fixture.option("weight")),
                        fixture.option("ignoreIndex").asInt(),
                        fixture.reduction());

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

    @Test
    void targetOutsideTheClassesIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                NegativeLogLikelihood.compute(
                                        Matrix.zeros(2, 3),
                                        new int[] {-1, 0},
                                        null,
                                        -100,
                                        Reduction.SUM))
                .withMessage("target[0] = -1 is outside [0, 3)");
    }

    @Test
    void targetOfTheWrongLengthIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                NegativeLogLikelihood.compute(
                                        Matrix.zeros(2, 3),
                                        new int[] {0, 1, 2},
                                        null,
                                        -100,
                                        Reduction.SUM))
                .withMessage("target has length 3, input has 2 rows");
    }

    @Test
    void weightIsCheckedAsForCrossEntropy() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                NegativeLogLikelihood.compute(
                                        Matrix.zeros(2, 3),
                                        new int[] {0, 1},
                                        new double[] {1, 1},
                                        -100,
                                        Reduction.MEAN))
                .withMessage("weight has length 2, expected 3 classes");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                NegativeLogLikelihood.compute(
                                        Matrix.zeros(2, 3),
                                        new int[] {0, 1},
                                        new double[] {-1, 1, 1},
                                        -100,
                                        Reduction.MEAN))
                .withMessage("weight[0] must be finite and >= 0, got -1.0");
    }

    @Test
    void reductionIsRequired() {
        assertThatNullPointerException()
                .isThrownBy(
                        () ->
                                NegativeLogLikelihood.compute(
                                        Matrix.zeros(1, 1), new int[] {0}, null, -100, null))
                .withMessage("reduction");
    }
}
