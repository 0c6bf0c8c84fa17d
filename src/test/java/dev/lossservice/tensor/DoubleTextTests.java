package dev.lossservice.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.io.NumberOutput;

/**
 * {@link DoubleText} must write exactly the text of Jackson's fast double writer ({@code
 * NumberOutput.toString(v, true)}), which is the expected value in every test here.
 */
class DoubleTextTests {

    private final DoubleText doubleText = new DoubleText();

    private String written(double value) {
        byte[] buffer = new byte[5 + DoubleText.MAX_LENGTH];
        int end = doubleText.write(value, buffer, 5);
        return new String(buffer, 5, end - 5, StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(
            doubles = {
                0.0,
                -0.0,
                1.0,
                -1.0,
                0.1,
                100.0,
                1e-3,
                0.0009999999999999998,
                1e7,
                9999999.999999998,
                1e21,
                1e22,
                1e23,
                9007199254740992.0,
                9007199254740993.0,
                Double.MIN_VALUE,
                -Double.MIN_VALUE,
                2 * Double.MIN_VALUE,
                3 * Double.MIN_VALUE,
                Double.MIN_NORMAL,
                2.225073858507201E-308,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                -2.2250738585072014E-308,
                2.0373472850337726
            })
    void edgeValuesAreWrittenAsJacksonWritesThem(double value) {
        assertThat(written(value)).isEqualTo(NumberOutput.toString(value, true));
    }

    @Test
    void longestTextFitsMaxLength() {
        assertThat(written(-2.2250738585072014E-308)).hasSize(DoubleText.MAX_LENGTH);
    }

    @Test
    void randomValuesOfEveryKindAreWrittenAsJacksonWritesThem() {
        SplittableRandom random = new SplittableRandom(20261126);
        int checked = 0;
        for (int i = 0; i < 400_000; i++) {
            double value =
                    switch (i % 4) {
                        // every magnitude, subnormals included
                        case 0 -> Double.longBitsToDouble(random.nextLong());
                        // logit-like values
                        case 1 -> 4 * (random.nextDouble() - 0.5);
                        // short decimals, where the shortest text is much shorter than 17 digits
                        case 2 -> random.nextInt(2_000_000) / Math.pow(10, random.nextInt(12));
                        // integers, the algorithm's fast path
                        default -> (double) random.nextLong(1L << random.nextInt(1, 62));
                    };
            if (Double.isFinite(value)) {
                assertThat(written(value))
                        .as("bits %x", Double.doubleToRawLongBits(value))
                        .isEqualTo(NumberOutput.toString(value, true));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(390_000);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteValueIsRefused(double value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> written(value))
                .withMessageStartingWith("not finite");
    }
}
