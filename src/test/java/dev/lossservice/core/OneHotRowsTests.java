package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OneHotRowsTests {

    // Row 0: -2.5 at column 1; row 1: -0.0 at column 2; row 2: all +0.0 (stored at column 0).
    private final OneHotRows rows =
            new OneHotRows(3, 3, new int[] {1, 2, 0}, new double[] {-2.5, -0.0, 0.0});

    @Test
    void getGivesEachRowsValueAtItsColumnAndPositiveZeroElsewhere() {
        assertThat(rows.get(0, 1)).isEqualTo(-2.5);
        assertThat(Double.doubleToRawLongBits(rows.get(1, 2)))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        for (int[] zero : new int[][] {{0, 0}, {0, 2}, {1, 0}, {1, 1}, {2, 0}, {2, 1}, {2, 2}}) {
            assertThat(Double.doubleToRawLongBits(rows.get(zero[0], zero[1])))
                    .as("(%d, %d)", zero[0], zero[1])
                    .isZero();
        }
    }

    @Test
    void toMatrixGivesTheDenseMatrixWithSignedZerosKept() {
        Matrix dense = rows.toMatrix();

        assertThat(dense.rows()).isEqualTo(3);
        assertThat(dense.columns()).isEqualTo(3);
        long[] bits = new long[dense.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Double.doubleToRawLongBits(dense.values()[i]);
        }
        long negativeZero = Double.doubleToRawLongBits(-0.0);
        assertThat(bits)
                .containsExactly(
                        0, Double.doubleToRawLongBits(-2.5), 0, 0, 0, negativeZero, 0, 0, 0);
    }

    @Test
    void toMatrixAllocatesANewMatrixEachTime() {
        assertThat(rows.toMatrix().values()).isNotSameAs(rows.toMatrix().values());
    }

    @Test
    void elementOutsideTheShapeIsRejected() {
        assertThatThrownBy(() -> rows.get(3, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> rows.get(0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> rows.get(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shapeBelowOneByOneIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneHotRows(0, 3, new int[0], new double[0]))
                .withMessage("shape must be at least 1 x 1, got 0 x 3");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneHotRows(1, 0, new int[1], new double[1]))
                .withMessage("shape must be at least 1 x 1, got 1 x 0");
    }

    @Test
    void arraysOfAnotherLengthThanRowsAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneHotRows(2, 3, new int[2], new double[3]))
                .withMessage("column and value need length 2, got 2 and 3");
    }

    @Test
    void columnOutsideTheShapeIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneHotRows(2, 3, new int[] {0, 3}, new double[2]))
                .withMessage("column[1] = 3 is outside [0, 3)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OneHotRows(1, 3, new int[] {-1}, new double[1]))
                .withMessage("column[0] = -1 is outside [0, 3)");
    }

    @Test
    void nullArraysAreRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> new OneHotRows(1, 1, null, new double[1]));
        assertThatNullPointerException().isThrownBy(() -> new OneHotRows(1, 1, new int[1], null));
    }
}
