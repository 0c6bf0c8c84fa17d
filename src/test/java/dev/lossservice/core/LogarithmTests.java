package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorisable {@code log(1 + e)} against {@link StrictMath#log} (fdlibm) of {@code 1 + e}. */
class LogarithmTests {

    @Test
    void isWithinOneUlpOfStrictMathAndMostlyEqual() {
        Random random = new Random(20261126);
        int count = 1_000_000;
        int equal = 0;
        for (int i = 0; i < count; i++) {
            // Half uniform in [0, 1), half exp(-|x|) for |x| up to 40, as binary cross-entropy
            // on logits sends them: many tiny arguments.
            double e = i % 2 == 0 ? random.nextDouble() : Math.exp(-40 * random.nextDouble());
            double expected = StrictMath.log(1 + e);
            double actual = Logarithm.ofOnePlus(e);
            assertThat(Math.abs(actual - expected))
                    .as("log(1 + %s)", e)
                    .isLessThanOrEqualTo(Math.ulp(expected));
            if (actual == expected) {
                equal++;
            }
        }
        assertThat((double) equal / count).isGreaterThan(0.99);
    }

    @Test
    void edgesOfTheRangeAndOfTheSplitAtTheSquareRootOfTwo() {
        double sqrt2MinusOne = Math.sqrt(2) - 1;
        double[] edges = {
            0,
            Double.MIN_VALUE,
            1e-300,
            1e-17,
            0x1p-53,
            0x1p-52,
            1e-10,
            Math.nextDown(sqrt2MinusOne),
            sqrt2MinusOne,
            Math.nextUp(sqrt2MinusOne),
            0.5,
            Math.nextDown(1.0),
            1
        };
        for (double e : edges) {
            double expected = StrictMath.log(1 + e);
            assertThat(Math.abs(Logarithm.ofOnePlus(e) - expected))
                    .as("log(1 + %s)", e)
                    .isLessThanOrEqualTo(Math.ulp(expected));
        }
        assertThat(Logarithm.ofOnePlus(0)).isEqualTo(0.0);
        assertThat(Logarithm.ofOnePlus(1)).isEqualTo(Math.log(2));
        // 1 + e is rounded first, as PyTorch does: below half an ulp of 1 the answer is 0.
        assertThat(Logarithm.ofOnePlus(1e-17)).isEqualTo(0.0);
    }
}
