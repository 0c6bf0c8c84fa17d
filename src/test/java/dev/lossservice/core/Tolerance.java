package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The agreement the core promises with PyTorch float64: {@code |actual - expected| <= 1e-12 *
 * |expected| + 1e-15}. An expected NaN (PyTorch's NaN, a JSON null in the fixtures) requires NaN,
 * an expected infinity the same infinity.
 */
final class Tolerance {

    static final double RELATIVE = 1e-12;
    static final double ABSOLUTE = 1e-15;

    private Tolerance() {}

    static boolean close(double expected, double actual) {
        if (Double.isNaN(expected)) {
            return Double.isNaN(actual);
        }
        if (Double.isInfinite(expected)) {
            return actual == expected;
        }
        return Math.abs(actual - expected) <= RELATIVE * Math.abs(expected) + ABSOLUTE;
    }

    static void assertClose(String what, double expected, double actual) {
        if (!close(expected, actual)) {
            fail(
                    "%s: expected %s but was %s (difference %s)",
                    what, expected, actual, actual - expected);
        }
    }

    static void assertAllClose(String what, double[] expected, double[] actual) {
        assertThat(actual).as("%s length", what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", expected[i], actual[i]);
        }
    }
}
