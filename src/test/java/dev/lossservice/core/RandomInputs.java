package dev.lossservice.core;

import java.util.Random;
import java.util.stream.LongStream;

/** Random inputs for the property tests; every caller seeds its {@link Random} with a constant. */
final class RandomInputs {

    private RandomInputs() {}

    /** The fixed seeds every property runs with: each one a named, reproducible trial. */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    /** Uniform values in {@code [-scale, scale)}. */
    static Matrix matrix(Random random, int rows, int columns, double scale) {
        return new Matrix(rows, columns, uniform(random, rows * columns, -scale, scale));
    }

    static double[] uniform(Random random, int length, double low, double high) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
        return values;
    }

    /** Class weights in {@code [0.1, 2)}: positive, so a mean never divides by 0. */
    static double[] weights(Random random, int length) {
        return uniform(random, length, 0.1, 2.0);
    }

    /** PyTorch's default -100, a value above every class, or (for C > 1) a class itself. */
    static int ignoreIndex(Random random, int columns) {
        return switch (random.nextInt(3)) {
            case 0 -> CrossEntropy.DEFAULT_IGNORE_INDEX;
            case 1 -> 255;
            default -> columns > 1 ? random.nextInt(columns) : CrossEntropy.DEFAULT_IGNORE_INDEX;
        };
    }

    /**
     * Class indices in {@code [0, C)}, about a quarter of them replaced by {@code ignoreIndex}, and
     * at least one sample not ignored.
     */
    static int[] classTargets(Random random, int rows, int columns, int ignoreIndex) {
        int[] target = new int[rows];
        boolean anyCounted = false;
        for (int n = 0; n < rows; n++) {
            target[n] = random.nextInt(4) == 0 ? ignoreIndex : random.nextInt(columns);
            anyCounted |= target[n] != ignoreIndex;
        }
        if (!anyCounted) {
            target[0] = ignoreIndex == 0 ? 1 : 0;
        }
        return target;
    }

    /** Rows of non-negative values; each row sums to 1 when {@code normalised}. */
    static Matrix targetProbabilities(Random random, int rows, int columns, boolean normalised) {
        double[] values = uniform(random, rows * columns, 0, 1);
        if (normalised) {
            for (int n = 0; n < rows; n++) {
                double sum = 0;
                for (int c = 0; c < columns; c++) {
                    sum += values[n * columns + c];
                }
                for (int c = 0; c < columns; c++) {
                    values[n * columns + c] /= sum;
                }
            }
        }
        return new Matrix(rows, columns, values);
    }

    static Reduction reduction(Random random) {
        return Reduction.values()[random.nextInt(Reduction.values().length)];
    }
}
