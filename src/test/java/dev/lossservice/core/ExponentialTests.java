package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vectorisable exp against {@link StrictMath#exp} (fdlibm, under 1 ulp from the true value).
 */
class ExponentialTests {

    /** Exponential promises 1 ulp from Math.exp, itself within 1 ulp of the true value. */
    private static final double ULPS = 2;

    @Test
    void shiftedAgreesWithStrictMathAcrossTheWholeRangeAndSumsInIndexOrder() {
        Random random = new Random(20261126);
        double[] x = new double[100_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = -760 + 1520 * random.nextDouble();
        }
        double[] edges = {
            0, -0.0, 708, -708, 709, -709, 709.78, -745.1, -746, 1e-300, -1e-300, 0.5
        };
        System.arraycopy(edges, 0, x, 0, edges.length);
        double[] out = new double[x.length];
        double sum = Exponential.shifted(x, 0, x.length, 0.0, out, new double[x.length]);

        double expectedSum = 0;
        for (double value : out) {
            expectedSum += value;
        }
        for (int i = 0; i < x.length; i++) {
            double expected = StrictMath.exp(x[i]);
            if (Double.isInfinite(expected)) {
                assertThat(out[i])
                        .as("exp(%s) overflows as Math.exp does", x[i])
                        .isEqualTo(expected);
                continue;
            }
            assertThat(Math.abs(out[i] - expected))
                    .as("exp(%s)", x[i])
                    .isLessThanOrEqualTo(ULPS * Math.ulp(expected));
        }
        assertThat(sum).isEqualTo(expectedSum);
    }

    @Test
    void dividedShiftedAndMinusAbsAgreeWithTheirDefinitions() {
        Random random = new Random(7);
        double[] x = RandomInputs.uniform(random, 4096, -60, 60);
        double[] out = new double[x.length];
        double[] scratch = new double[x.length];

        Exponential.dividedShifted(x, 0, x.length, 3.0, 2.5, out, scratch);
        for (int i = 0; i < x.length; i++) {
            double expected = StrictMath.exp(x[i] / 3.0 - 2.5);
            assertThat(Math.abs(out[i] - expected)).isLessThanOrEqualTo(ULPS * Math.ulp(expected));
        }
        Exponential.ofMinusAbs(x, 0, x.length, out, scratch);
        for (int i = 0; i < x.length; i++) {
            double expected = StrictMath.exp(-Math.abs(x[i]));
            assertThat(Math.abs(out[i] - expected)).isLessThanOrEqualTo(ULPS * Math.ulp(expected));
        }
    }

    @Test
    void writesOnlyTheRequestedStretch() {
        double[] x = {1, 2, 3, 4};
        double[] out = {-1, -1, -1, -1};
        Exponential.shifted(x, 1, 2, 0.0, out, new double[4]);
        assertThat(out[0]).isEqualTo(-1);
        assertThat(out[3]).isEqualTo(-1);
        assertThat(out[1]).isCloseTo(Math.exp(2), org.assertj.core.data.Offset.offset(1e-15 * 8));
    }
}
