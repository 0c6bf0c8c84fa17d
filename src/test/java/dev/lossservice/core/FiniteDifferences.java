package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** Central finite differences: the check every analytic gradient of the core is held to. */
final class FiniteDifferences {

    private FiniteDifferences() {}

    /**
     * Asserts that {@code g} is the gradient of {@code function} at {@code x}: each element against
     * the central difference with a step of 1e-6 (relative to the element above 1), to 1e-6 of the
     * element plus 1e-8 of the function's value (above 1).
     */
    static void assertGradient(double[] x, double[] g, ToDoubleFunction<double[]> function) {
        assertThat(g).hasSameSizeAs(x);
        double f = function.applyAsDouble(x);
        assertThat(f).as("function").isFinite();
        for (int i = 0; i < x.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[i]));
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            // Divided by the step as represented, not by 2h: x + h and x - h are rounded.
            double fd =
                    (function.applyAsDouble(plus) - function.applyAsDouble(minus))
                            / (plus[i] - minus[i]);
            double tolerance = 1e-6 * Math.abs(g[i]) + 1e-8 * Math.max(1, Math.abs(f));
            if (!(Math.abs(fd - g[i]) <= tolerance)) {
                fail(
                        "gradient[%d] = %s, central difference %s (tolerance %s) for input %s",
                        i, g[i], fd, tolerance, Arrays.toString(x));
            }
        }
    }
}
