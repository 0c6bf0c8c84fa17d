package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;

class ArgumentChecksTests {

    @Test
    void shapeBelowOneByOneIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireShape(0, 3))
                .withMessage("shape must be at least 1 x 1, got 0 x 3");
        assertThatNoException().isThrownBy(() -> ArgumentChecks.requireShape(1, 1));
    }

    @Test
    void elementCountIsComparedWithoutOverflow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireElements(0, 65536, 65536))
                .withMessage("values has length 0, shape 65536 x 65536 needs 4294967296");
    }

    @Test
    void matricesOfDifferentShapesAreRejectedNamingBoth() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                ArgumentChecks.requireSameShape(
                                        Matrix.zeros(2, 3), "target", Matrix.zeros(2, 4), "input"))
                .withMessage("target shape 2 x 3 differs from input 2 x 4");
    }

    @Test
    void perRowAndPerClassLengthsAreChecked() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireOnePerRow(2, "target", 3))
                .withMessage("target has length 2, input has 3 rows");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireOnePerClass(new double[2], "weight", 3))
                .withMessage("weight has length 2, expected 3 classes");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                ArgumentChecks.requirePerClassOrPerElement(
                                        new double[5], "posWeight", 3, 6))
                .withMessage("posWeight has length 5, expected 3 (per class) or 6 (per element)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireOneEntryPerRow(2, 3, 2))
                .withMessage("column and value need length 2, got 2 and 3");
    }

    @Test
    void absentOptionalArraysPassEveryCheck() {
        assertThatNoException()
                .isThrownBy(
                        () -> {
                            ArgumentChecks.requireOnePerClass(null, "weight", 3);
                            ArgumentChecks.requirePerClassOrPerElement(null, "weight", 3, 6);
                            ArgumentChecks.requireFiniteNonNegative(null, "weight");
                        });
    }

    @Test
    void anOptionWhereItDoesNotApplyIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> ArgumentChecks.requireAbsent(new double[1], "posWeight", "logits"))
                .withMessage("posWeight applies only to logits");
        assertThatNoException()
                .isThrownBy(() -> ArgumentChecks.requireAbsent(null, "posWeight", "logits"));
    }

    @Test
    void indexOutsideItsRangeIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireIndex(-1, 3, "target", 4))
                .withMessage("target[4] = -1 is outside [0, 3)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireIndex(3, 3, "column", 0))
                .withMessage("column[0] = 3 is outside [0, 3)");
    }

    @Test
    void nanZeroNegativeAndInfiniteFailFinitePositive() {
        for (double bad : new double[] {Double.NaN, 0.0, -0.0, -1.0, Double.POSITIVE_INFINITY}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> ArgumentChecks.requireFinitePositive(bad, "temperature"))
                    .withMessage("temperature must be finite and > 0, got " + bad);
        }
        assertThatNoException()
                .isThrownBy(() -> ArgumentChecks.requireFinitePositive(Double.MIN_VALUE, "t"));
    }

    @Test
    void nanNegativeAndInfiniteFailFiniteNonNegativeAtTheirIndex() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                ArgumentChecks.requireFiniteNonNegative(
                                        new double[] {0, 1, Double.NaN}, "weight"))
                .withMessage("weight[2] must be finite and >= 0, got NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                ArgumentChecks.requireFiniteNonNegative(
                                        new double[] {-0.5}, "posWeight"))
                .withMessage("posWeight[0] must be finite and >= 0, got -0.5");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                ArgumentChecks.requireFiniteNonNegative(
                                        new double[] {Double.POSITIVE_INFINITY}, "weight"))
                .withMessage("weight[0] must be finite and >= 0, got Infinity");
        assertThatNoException()
                .isThrownBy(
                        () ->
                                ArgumentChecks.requireFiniteNonNegative(
                                        new double[] {0, -0.0, Double.MAX_VALUE}, "weight"));
    }

    @Test
    void nanAndValuesOutsideTheUnitIntervalAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireUnitInterval(Double.NaN, "labelSmoothing"))
                .withMessage("labelSmoothing must be in [0, 1], got NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireUnitInterval(1.5, "probabilities", 2))
                .withMessage("probabilities[2] must be in [0, 1], got 1.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ArgumentChecks.requireUnitInterval(Double.NaN, "target", 0))
                .withMessage("target[0] must be in [0, 1], got NaN");
        assertThatNoException()
                .isThrownBy(
                        () -> {
                            ArgumentChecks.requireUnitInterval(0.0, "labelSmoothing");
                            ArgumentChecks.requireUnitInterval(1.0, "target", 0);
                        });
    }
}
