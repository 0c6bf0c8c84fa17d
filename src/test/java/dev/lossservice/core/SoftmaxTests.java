package dev.lossservice.core;

import static dev.lossservice.core.Fixtures.doubles;
import static dev.lossservice.core.Fixtures.ints;
import static dev.lossservice.core.Fixtures.matrix;
import static dev.lossservice.core.Fixtures.number;
import static dev.lossservice.core.Tolerance.assertAllClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SoftmaxTests {

    // PyTorch 1.13 float64, F.softmax(logits / T), F.log_softmax, torch.logsumexp, torch.argmax
    // and probabilities.backward(upstream): src/test/resources/fixtures/softmax.json, written by
    // scripts/generate_fixtures.py.
    static Stream<Arguments> pyTorchCases() {
        return Fixtures.cases("softmax.json");
    }

    @ParameterizedTest
    @MethodSource("pyTorchCases")
    void agreesWithPyTorch(Fixtures.Case fixture) {
        Matrix logits = matrix(fixture.input("logits"));
        double temperature = number(fixture.option("temperature"));

        Softmax.Result result = Softmax.ofLogits(logits, temperature);
        Matrix gradient =
                Softmax.vectorJacobianProduct(
                        result.probabilities(),
                        matrix(fixture.input("upstreamGradient")),
                        temperature);

        assertAllClose(
                fixture.at("probabilities"),
                doubles(fixture.expect("probabilities")),
                result.probabilities().values());
        assertAllClose(
                fixture.at("logProbabilities"),
                doubles(fixture.expect("logProbabilities")),
                result.logProbabilities().values());
        assertAllClose(
                fixture.at("logSumExp"), doubles(fixture.expect("logSumExp")), result.logSumExp());
        assertThat(result.predictedClass())
                .as(fixture.at("predictedClass (torch.argmax, first maximum)"))
                .containsExactly(ints(fixture.expect("predictedClass")));
        assertAllClose(
                fixture.at("gradient"), doubles(fixture.expect("gradient")), gradient.values());
    }

    static LongStream seeds() {
        return RandomInputs.seeds();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rowsSumToOne(long seed) {
        var random = new Random(seed);
        int rows = 1 + random.nextInt(6);
        int columns = 1 + random.nextInt(10);
        Matrix logits = RandomInputs.matrix(random, rows, columns, 50.0);
        double temperature = 0.25 + 4 * random.nextDouble();

        double[] p = Softmax.ofLogits(logits, temperature).probabilities().values();

        for (int n = 0; n < rows; n++) {
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                assertThat(p[n * columns + c]).isBetween(0.0, 1.0);
                sum += p[n * columns + c];
            }
            // Each of the C terms carries a relative rounding error of a few ulps.
            assertThat(Math.abs(sum - 1))
                    .as("row %d sum - 1", n)
                    .isLessThanOrEqualTo(4e-16 * columns);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void addingAConstantToARowChangesNothing(long seed) {
        var random = new Random(seed);
        int rows = 1 + random.nextInt(5);
        int columns = 1 + random.nextInt(8);
        Matrix logits = RandomInputs.matrix(random, rows, columns, 10.0);
        double temperature = 0.5 + 2.5 * random.nextDouble();
        double[] shifted = logits.values().clone();
        for (int n = 0; n < rows; n++) {
            double shift = 200 * random.nextDouble() - 100;
            for (int c = 0; c < columns; c++) {
                shifted[n * columns + c] += shift;
            }
        }

        Softmax.Result plain = Softmax.ofLogits(logits, temperature);
        Softmax.Result moved = Softmax.ofLogits(new Matrix(rows, columns, shifted), temperature);

        // x + k is rounded to a multiple of ulp(110) ~ 1.4e-14, so each exponent moves by up to
        // about 1.4e-14 / T and each probability by that much relative: within 1e-13.
        for (int i = 0; i < shifted.length; i++) {
            double expected = plain.probabilities().values()[i];
            assertThat(moved.probabilities().values()[i])
                    .as("probabilities[%d]", i)
                    .isCloseTo(expected, within(1e-13 * expected + Double.MIN_VALUE));
        }
        assertThat(moved.predictedClass()).containsExactly(plain.predictedClass());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void temperatureMustBeFiniteAndPositive(double temperature) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Softmax.ofLogits(Matrix.zeros(1, 2), temperature))
                .withMessage("temperature must be finite and > 0, got " + temperature);
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                Softmax.vectorJacobianProduct(
                                        Matrix.zeros(1, 2), Matrix.zeros(1, 2), temperature))
                .withMessage("temperature must be finite and > 0, got " + temperature);
    }

    @Test
    void temperatureMessageNamesTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Softmax.ofLogits(Matrix.zeros(1, 2), -0.5))
                .withMessage("temperature must be finite and > 0, got -0.5");
    }

    @Test
    void upstreamGradientOfAnotherShapeIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                Softmax.vectorJacobianProduct(
                                        Matrix.zeros(2, 4), Matrix.zeros(2, 3), 1.0))
                .withMessage("upstreamGradient shape 2 x 3 differs from probabilities 2 x 4");
    }
}
