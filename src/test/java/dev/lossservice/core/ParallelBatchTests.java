package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A batch large enough for {@link RowBlocks} to split over cores gives, row for row, the same bits
 * as each row evaluated alone (a 1-row batch always runs on the calling thread), and its loss sum
 * is the row-order sum of those losses.
 */
class ParallelBatchTests {

    private static final int ROWS = 700;
    private static final int COLUMNS = 100;

    private final Random random = new Random(42);
    private final Matrix logits = RandomInputs.matrix(random, ROWS, COLUMNS, 8);
    private final int[] target = RandomInputs.classTargets(random, ROWS, COLUMNS, -100);
    private final double[] weight = RandomInputs.weights(random, COLUMNS);

    @Test
    void batchIsLargeEnoughToRunInParallel() {
        assertThat((long) ROWS * COLUMNS).isGreaterThanOrEqualTo(RowBlocks.MIN_PARALLEL_ELEMENTS);
    }

    @Test
    void newArraysAreDistinctArraysOfZerosOfTheLengthAskedFor() {
        for (int length : new int[] {0, 5, RowBlocks.MIN_PARALLEL_ALLOCATION + 3}) {
            double[][] arrays = RowBlocks.newArrays(3, length);
            assertThat(arrays.length).isEqualTo(3);
            for (double[] array : arrays) {
                assertThat(array).hasSize(length);
                assertThat(Arrays.stream(array).filter(v -> v != 0).count()).isZero();
            }
            assertThat(arrays[0]).isNotSameAs(arrays[1]).isNotSameAs(arrays[2]);
            assertThat(arrays[1]).isNotSameAs(arrays[2]);
        }
    }

    @Test
    void crossEntropyWithClassIndicesMatchesRowByRow() {
        for (double smoothing : new double[] {0.0, 0.2}) {
            var options = new CrossEntropy.Options(weight, -100, smoothing, Reduction.SUM);
            var batch = CrossEntropy.ofLogits(logits, target, options);
            assertRowByRow(
                    batch.sampleLosses(),
                    batch.gradient(),
                    batch.loss().lossSum(),
                    n -> CrossEntropy.ofLogits(row(logits, n), new int[] {target[n]}, options),
                    r -> r.sampleLosses()[0],
                    CrossEntropy.Result::gradient);
        }
    }

    @Test
    void crossEntropyWithProbabilitiesMatchesRowByRow() {
        Matrix soft = new Matrix(ROWS, COLUMNS, RandomInputs.uniform(random, ROWS * COLUMNS, 0, 1));
        var options = new CrossEntropy.Options(weight, -100, 0.1, Reduction.SUM);
        var batch = CrossEntropy.ofLogits(logits, soft, options);
        assertRowByRow(
                batch.sampleLosses(),
                batch.gradient(),
                batch.loss().lossSum(),
                n -> CrossEntropy.ofLogits(row(logits, n), row(soft, n), options),
                r -> r.sampleLosses()[0],
                CrossEntropy.Result::gradient);
    }

    @Test
    void binaryCrossEntropyOnLogitsMatchesRowByRow() {
        Matrix y = new Matrix(ROWS, COLUMNS, RandomInputs.uniform(random, ROWS * COLUMNS, 0, 1));
        double[] posWeight = RandomInputs.weights(random, COLUMNS);
        var batch =
                BinaryCrossEntropy.ofLogits(
                        logits,
                        y,
                        new BinaryCrossEntropy.Options(weight, posWeight, Reduction.SUM));
        assertRowByRow(
                batch.sampleLosses(),
                batch.gradient(),
                batch.loss().lossSum(),
                n ->
                        BinaryCrossEntropy.ofLogits(
                                row(logits, n),
                                row(y, n),
                                new BinaryCrossEntropy.Options(weight, posWeight, Reduction.SUM)),
                r -> r.sampleLosses()[0],
                BinaryCrossEntropy.Result::gradient);
    }

    @Test
    void softmaxMatchesRowByRow() {
        var batch = Softmax.ofLogits(logits, 1.7);
        for (int n = 0; n < ROWS; n++) {
            var single = Softmax.ofLogits(row(logits, n), 1.7);
            assertThat(row(batch.probabilities(), n).values())
                    .containsExactly(single.probabilities().values());
            assertThat(row(batch.logProbabilities(), n).values())
                    .containsExactly(single.logProbabilities().values());
            assertThat(batch.logSumExp()[n]).isEqualTo(single.logSumExp()[0]);
        }
    }

    private static <R> void assertRowByRow(
            double[] sampleLosses,
            Matrix gradient,
            double lossSum,
            java.util.function.IntFunction<R> singleRow,
            Function<R, Double> loss,
            Function<R, Matrix> gradientOf) {
        double rowOrderSum = 0;
        for (int n = 0; n < ROWS; n++) {
            R single = singleRow.apply(n);
            assertThat(sampleLosses[n]).as("loss of row %d", n).isEqualTo(loss.apply(single));
            assertThat(row(gradient, n).values())
                    .as("gradient of row %d", n)
                    .containsExactly(gradientOf.apply(single).values());
            rowOrderSum += sampleLosses[n];
        }
        assertThat(lossSum).isEqualTo(rowOrderSum);
    }

    private static Matrix row(Matrix matrix, int n) {
        int columns = matrix.columns();
        return new Matrix(
                1, columns, Arrays.copyOfRange(matrix.values(), n * columns, (n + 1) * columns));
    }
}
