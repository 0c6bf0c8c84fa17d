package dev.lossservice.core;

import java.util.Arrays;

/**
 * Cross-entropy over an {@code N x C x S} input ({@link ClassShape}, {@code S > 1}) in place, with
 * no transpose: the C values of a position are {@code S} apart, so the kernel walks a block of
 * consecutive positions plane by plane (class by class), every inner loop running over contiguous
 * memory that C2 can vectorise. Per position it computes what {@link LogSoftmaxRow} computes per
 * row, in the same order (maximum, then {@code exp(x - m)} summed over the classes in class order,
 * then {@code log} and the reciprocal of the sum), so a position gives the bits its row would.
 *
 * <p>The formulas are those of {@link CrossEntropy}. An instance holds the input, the outputs it
 * writes and the scratch arrays of one block, and is used by one thread.
 */
final class ClassStridedKernel {

    /** Positions per block: their scratch arrays stay in the first-level cache. */
    static final int BLOCK = 256;

    private final double[] x;
    private final int classes;
    private final int inner;
    private final double gradientScale;
    private final double[] p;
    private final double[] g;
    private final double[] sampleLosses;
    private final int[] predictedClass;

    private final double[] max = new double[BLOCK];
    private final int[] argmax = new int[BLOCK];
    private final double[] sum = new double[BLOCK];
    private final double[] logSum = new double[BLOCK];
    private final double[] inverse = new double[BLOCK];
    private final double[] shifted = new double[BLOCK];
    private final double[] exponentials = new double[BLOCK];
    private final double[] scratch = new double[BLOCK];
    private final double[] coefficient = new double[BLOCK];
    private final double[] loss = new double[BLOCK];
    private final double[] total = new double[BLOCK];

    /**
     * @param x the logits, laid out as {@code shape}
     * @param gradientScale what the reduction multiplies each gradient by
     * @param out where the probabilities, gradient, per-position losses and argmax go
     */
    ClassStridedKernel(
            double[] x, ClassShape shape, double gradientScale, CrossEntropy.Outputs out) {
        this.x = x;
        this.classes = shape.classes();
        this.inner = shape.inner();
        this.gradientScale = gradientScale;
        this.p = out.probabilities();
        this.g = out.gradient();
        this.sampleLosses = out.sampleLosses();
        this.predictedClass = out.predictedClass();
    }

    /** The work on one loaded block of positions. */
    @FunctionalInterface
    private interface Block {
        /**
         * @param base the index in {@code x} of the block's first position in class 0
         * @param positions the number of the block's first position
         * @param length how many positions the block holds
         */
        void run(int base, int positions, int length);
    }

    /**
     * Loads each block of positions of batch rows {@code [from, to)} in turn ({@link #load}) and
     * runs {@code block} on it: one call per block, never per element.
     */
    private void forEachBlock(int from, int to, Block block) {
        for (int n = from; n < to; n++) {
            for (int s0 = 0; s0 < inner; s0 += BLOCK) {
                int length = Math.min(BLOCK, inner - s0);
                int base = n * classes * inner + s0;
                load(base, length);
                block.run(base, n * inner + s0, length);
            }
        }
    }

    /**
     * Loads the {@code length} positions from {@code base}: their argmax, and the exponentials
     * {@code exp(x - m)} into {@code p}, with {@code log} and reciprocal of their sums.
     */
    private void load(int base, int length) {
        System.arraycopy(x, base, max, 0, length);
        Arrays.fill(argmax, 0, length, 0);
        for (int c = 1; c < classes; c++) {
            int offset = base + c * inner;
            for (int j = 0; j < length; j++) {
                double v = x[offset + j];
                if (v > max[j]) {
                    max[j] = v;
                    argmax[j] = c;
                }
            }
        }
        Arrays.fill(sum, 0, length, 0.0);
        for (int c = 0; c < classes; c++) {
            int offset = base + c * inner;
            for (int j = 0; j < length; j++) {
                shifted[j] = x[offset + j] - max[j];
            }
            Exponential.shifted(shifted, 0, length, 0.0, exponentials, scratch);
            for (int j = 0; j < length; j++) {
                p[offset + j] = exponentials[j];
                sum[j] += exponentials[j];
            }
        }
        for (int j = 0; j < length; j++) {
            logSum[j] = Math.log(sum[j]);
            inverse[j] = 1.0 / sum[j];
        }
    }

    /**
     * Class-index targets without label smoothing, for batch rows {@code [from, to)}: the fast
     * path, two passes over the input.
     */
    void indices(int from, int to, int[] target, ClassTargets targets) {
        boolean[] ignored = targets.ignored();
        double[] sampleWeights = targets.sampleWeights();
        forEachBlock(
                from,
                to,
                (base, positions, length) -> {
                    for (int j = 0; j < length; j++) {
                        int position = positions + j;
                        predictedClass[position] = argmax[j];
                        // An ignored position's gradient is 0, even where the scale is infinite.
                        coefficient[j] =
                                ignored[position] ? 0.0 : sampleWeights[position] * gradientScale;
                    }
                    for (int c = 0; c < classes; c++) {
                        int offset = base + c * inner;
                        for (int j = 0; j < length; j++) {
                            double probability = p[offset + j] * inverse[j];
                            p[offset + j] = probability;
                            g[offset + j] = probability * coefficient[j];
                        }
                    }
                    for (int j = 0; j < length; j++) {
                        int position = positions + j;
                        if (ignored[position]) {
                            continue;
                        }
                        int at = base + target[position] * inner + j;
                        double weight = sampleWeights[position];
                        sampleLosses[position] = -weight * ((x[at] - max[j]) - logSum[j]);
                        g[at] = (p[at] - 1) * weight * gradientScale;
                    }
                });
    }

    /**
     * Class-index targets with label smoothing {@code e > 0}, for batch rows {@code [from, to)}:
     * {@code loss = (1 - e) * nll + (e / C) * smooth} as PyTorch computes it.
     */
    void smoothedIndices(
            int from,
            int to,
            int[] target,
            ClassTargets targets,
            double[] weight,
            double smoothing) {
        boolean[] ignored = targets.ignored();
        double[] sampleWeights = targets.sampleWeights();
        double perClass = smoothing / classes;
        double weightSum = 0;
        for (int c = 0; c < classes; c++) {
            weightSum += weight == null ? 1.0 : weight[c];
        }
        double classWeightSum = weightSum;
        forEachBlock(
                from,
                to,
                (base, positions, length) -> {
                    Arrays.fill(loss, 0, length, 0.0);
                    for (int c = 0; c < classes; c++) {
                        int offset = base + c * inner;
                        double w = weight == null ? 1.0 : weight[c];
                        for (int j = 0; j < length; j++) {
                            double logProbability = (x[offset + j] - max[j]) - logSum[j];
                            loss[j] -= w * logProbability;
                            p[offset + j] *= inverse[j];
                        }
                    }
                    for (int j = 0; j < length; j++) {
                        int position = positions + j;
                        predictedClass[position] = argmax[j];
                        if (ignored[position]) {
                            total[j] = 0;
                            continue;
                        }
                        double targetWeight = sampleWeights[position];
                        int at = base + target[position] * inner + j;
                        double nll = -targetWeight * ((x[at] - max[j]) - logSum[j]);
                        sampleLosses[position] = (1 - smoothing) * nll + perClass * loss[j];
                        total[j] = (1 - smoothing) * targetWeight + perClass * classWeightSum;
                    }
                    for (int c = 0; c < classes; c++) {
                        int offset = base + c * inner;
                        double w = weight == null ? 1.0 : weight[c];
                        for (int j = 0; j < length; j++) {
                            int position = positions + j;
                            if (ignored[position]) {
                                g[offset + j] = 0.0;
                                continue;
                            }
                            double a =
                                    perClass * w
                                            + (c == target[position]
                                                    ? (1 - smoothing) * sampleWeights[position]
                                                    : 0);
                            g[offset + j] = (p[offset + j] * total[j] - a) * gradientScale;
                        }
                    }
                });
    }

    /** Probability targets {@code q} (the input's shape), for batch rows {@code [from, to)}. */
    void probabilities(int from, int to, double[] q, double[] weight, double smoothing) {
        double perClass = smoothing / classes;
        forEachBlock(
                from,
                to,
                (base, positions, length) -> {
                    Arrays.fill(loss, 0, length, 0.0);
                    Arrays.fill(total, 0, length, 0.0);
                    for (int c = 0; c < classes; c++) {
                        int offset = base + c * inner;
                        for (int j = 0; j < length; j++) {
                            double a = coefficient(q[offset + j], weight, c, smoothing, perClass);
                            total[j] += a;
                            loss[j] -= ((x[offset + j] - max[j]) - logSum[j]) * a;
                            p[offset + j] *= inverse[j];
                        }
                    }
                    for (int c = 0; c < classes; c++) {
                        int offset = base + c * inner;
                        for (int j = 0; j < length; j++) {
                            double a = coefficient(q[offset + j], weight, c, smoothing, perClass);
                            g[offset + j] = (p[offset + j] * total[j] - a) * gradientScale;
                        }
                    }
                    for (int j = 0; j < length; j++) {
                        sampleLosses[positions + j] = loss[j];
                        predictedClass[positions + j] = argmax[j];
                    }
                });
    }

    private static double coefficient(
            double q, double[] weight, int c, double smoothing, double perClass) {
        double smoothed = smoothing == 0 ? q : q * (1 - smoothing) + perClass;
        return weight == null ? smoothed : weight[c] * smoothed;
    }
}
