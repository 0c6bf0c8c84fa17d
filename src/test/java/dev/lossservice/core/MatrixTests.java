package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class MatrixTests {

    @Test
    void elementsAreRowMajor() {
        var matrix = new Matrix(2, 3, new double[] {1, 2, 3, 4, 5, 6});

        assertThat(matrix.get(0, 2)).isEqualTo(3.0);
        assertThat(matrix.get(1, 0)).isEqualTo(4.0);
        assertThat(matrix.size()).isEqualTo(6);
    }

    @Test
    void zerosHasTheShapeAndOnlyZeros() {
        var matrix = Matrix.zeros(3, 2);

        assertThat(matrix.rows()).isEqualTo(3);
        assertThat(matrix.columns()).isEqualTo(2);
        assertThat(matrix.values()).containsExactly(0, 0, 0, 0, 0, 0);
    }

    @Test
    void shapeBelowOneByOneIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Matrix(0, 3, new double[0]))
                .withMessage("shape must be at least 1 x 1, got 0 x 3");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Matrix(2, -1, new double[0]))
                .withMessage("shape must be at least 1 x 1, got 2 x -1");
    }

    @Test
    void lengthOtherThanRowsTimesColumnsIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Matrix(2, 3, new double[5]))
                .withMessage("values has length 5, shape 2 x 3 needs 6");
    }

    @Test
    void shapeWhoseProductOverflowsAnIntIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Matrix(65536, 65536, new double[1]))
                .withMessage("values has length 1, shape 65536 x 65536 needs 4294967296");
    }

    @Test
    void nullValuesAreRejected() {
        assertThatNullPointerException().isThrownBy(() -> new Matrix(1, 1, null));
    }
}
