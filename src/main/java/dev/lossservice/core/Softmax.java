package dev.lossservice.core;

import java.util.Arrays;

/**
 * Row-wise softmax and log-softmax with a temperature, and the vector-Jacobian product of softmax.
 *
 * <p>For a row {@code x} of {@code logits[N][C]} and temperature {@code T > 0}, with {@code z = x /
 * T} and {@code m = max_c z_c}:
 *
 * <pre>
 *   logSumExp       = m + log(sum_c exp(z_c - m))
 *   logProbability  = z_c - logSumExp                (computed as (z_c - m) - log(sum))
 *   probability     = exp(z_c - m) / sum_k exp(z_k - m)
 * </pre>
 *
 * Subtracting the maximum keeps every {@code exp} in {@code (0, 1]}, so logits of any finite size
 * give finite results. The predicted class is the first index of the row maximum, as {@code
 * torch.argmax}. {@code LogSoftmaxRow} computes each row, as it does for {@link CrossEntropy}.
 *
 * <p>The temperature is a plain argument, not an options record: it is the only option, and softmax
 * is not a loss (there is no reduction to choose).
 */
public final class Softmax {

    private Softmax() {}

    /**
     * Probabilities, log-probabilities, log-sum-exp and argmax of every row.
     *
     * @param probabilities {@code softmax(logits / T)}, N x C
     * @param logProbabilities {@code log_softmax(logits / T)}, N x C
     * @param logSumExp {@code logsumexp(logits / T)} of each row, length N
     * @param predictedClass first index of each row's maximum, length N
     */
    public record Result(
            Matrix probabilities,
            Matrix logProbabilities,
            double[] logSumExp,
            int[] predictedClass) {}

    /**
     * Softmax, log-softmax, log-sum-exp and argmax of a tensor of any rank along one dimension: the
     * outputs of {@link #ofLogits(double[], int[], int, double)}.
     *
     * <p>{@code logSumExp} and {@code predictedClass} have the input's shape without {@code dim}
     * (one value for rank 0 and 1). Over a dimension of size 0, PyTorch's log-sum-exp is -infinity
     * and its argmax does not exist: {@code logSumExp} is then {@code -Infinity} and {@code
     * predictedClass} is -1.
     *
     * @param probabilities {@code softmax(logits / T, dim)}, the input's shape, row-major
     * @param logProbabilities {@code log_softmax(logits / T, dim)}, the input's shape
     * @param logSumExp {@code logsumexp(logits / T, dim)}
     * @param predictedClass {@code argmax(logits, dim)}: the first index of the maximum
     * @param shape the input's shape
     * @param dim the dimension normalised over, from 0 (0 for rank 0)
     */
    public record AlongDim(
            double[] probabilities,
            double[] logProbabilities,
            double[] logSumExp,
            int[] predictedClass,
            int[] shape,
            int dim) {}

    /**
     * Softmax of {@code logits / temperature}, row by row.
     *
     * @throws IllegalArgumentException if {@code temperature} is not a finite number above 0
     */
    public static Result ofLogits(Matrix logits, double temperature) {
        int rows = logits.rows();
        int columns = logits.columns();
        AlongDim result = ofLogits(logits.values(), new int[] {rows, columns}, 1, temperature);
        return new Result(
                new Matrix(rows, columns, result.probabilities()),
                new Matrix(rows, columns, result.logProbabilities()),
                result.logSumExp(),
                result.predictedClass());
    }

    /**
     * Softmax of {@code logits / temperature} along dimension {@code dim} of a tensor of any rank,
     * as {@code torch.softmax(logits / T, dim)}. A 0-d tensor is one element along its only
     * dimension (PyTorch takes dim -1 and 0 there).
     *
     * <p>Along the last dimension each row is contiguous and {@code LogSoftmaxRow} takes it. Along
     * another, the elements of one softmax are {@code inner} apart, {@code inner} being the product
     * of the sizes after {@code dim}: the kernel keeps {@code inner} rows side by side and walks
     * the block of {@code size(dim) * inner} elements in memory order, so no transpose is made, and
     * each softmax gets the same operations in the same order as along the last dimension (the same
     * bits as softmax of the transposed tensor).
     *
     * @param logits row-major, of {@code shape}
     * @param dim negative counts from the end
     * @throws IllegalArgumentException if {@code dim} is out of range, the length does not fit
     *     {@code shape}, or {@code temperature} is not a finite number above 0
     */
    public static AlongDim ofLogits(double[] logits, int[] shape, int dim, double temperature) {
        ArgumentChecks.requireFinitePositive(temperature, "temperature");
        int axis = Shapes.axis(dim, shape.length);
        int size = Shapes.size(shape);
        ArgumentChecks.requireElements(logits.length, 1, size);
        int length = shape.length == 0 ? 1 : shape[axis];
        int inner = inner(shape, axis);
        int outer = length * inner == 0 ? outer(shape, axis) : size / (length * inner);
        double[][] outputs = RowBlocks.newArrays(2, size);
        double[] probabilities = outputs[0];
        double[] logProbabilities = outputs[1];
        double[] logSumExp = new double[outer * inner];
        int[] predictedClass = new int[outer * inner];
        if (length == 0) {
            Arrays.fill(logSumExp, Double.NEGATIVE_INFINITY);
            Arrays.fill(predictedClass, -1);
        } else if (inner == 1) {
            RowBlocks.run(
                    outer,
                    length,
                    (from, to) -> {
                        LogSoftmaxRow row = new LogSoftmaxRow(temperature);
                        for (int n = from; n < to; n++) {
                            int offset = n * length;
                            // logProbabilities is the exponentials' scratch space until it gets
                            // its values.
                            row.load(logits, offset, length, probabilities, logProbabilities);
                            row.write(logits, offset, length, probabilities, logProbabilities);
                            predictedClass[n] = row.argmax();
                            logSumExp[n] = row.logSumExp();
                        }
                    });
        } else if (inner > 0) {
            // The exponentials' scratch space, indexed as the outputs; blocks use disjoint parts.
            double[] scratch = new double[size];
            RowBlocks.run(
                    outer,
                    length * inner,
                    (from, to) -> {
                        double[] max = new double[inner];
                        double[] sums = new double[inner];
                        for (int o = from; o < to; o++) {
                            stridedBlock(
                                    logits,
                                    o,
                                    length,
                                    inner,
                                    temperature,
                                    probabilities,
                                    logProbabilities,
                                    logSumExp,
                                    predictedClass,
                                    scratch,
                                    max,
                                    sums);
                        }
                    });
        }
        return new AlongDim(
                probabilities, logProbabilities, logSumExp, predictedClass, shape.clone(), axis);
    }

    /**
     * The {@code inner} softmaxes of block {@code o}: elements {@code base + c * inner + j} for
     * {@code c < length}, one softmax per {@code j}. The formulas and their order are those of
     * {@code LogSoftmaxRow}.
     */
    private static void stridedBlock(
            double[] x,
            int o,
            int length,
            int inner,
            double temperature,
            double[] probabilities,
            double[] logProbabilities,
            double[] logSumExp,
            int[] predictedClass,
            double[] scratch,
            double[] max,
            double[] sums) {
        int base = o * length * inner;
        int first = o * inner;
        // The first index of each maximum, as torch.argmax (a strict > keeps the first).
        for (int j = 0; j < inner; j++) {
            max[j] = x[base + j];
            predictedClass[first + j] = 0;
        }
        for (int c = 1; c < length; c++) {
            int row = base + c * inner;
            for (int j = 0; j < inner; j++) {
                if (x[row + j] > max[j]) {
                    max[j] = x[row + j];
                    predictedClass[first + j] = c;
                }
            }
        }
        boolean tempered = temperature != 1.0;
        if (tempered) {
            for (int j = 0; j < inner; j++) {
                max[j] = max[j] / temperature;
            }
        }
        // z - m to logProbabilities, which is its own scratch space until it gets its values.
        int end = base + length * inner;
        for (int c = 0; c < length; c++) {
            int row = base + c * inner;
            for (int j = 0; j < inner; j++) {
                double z = tempered ? x[row + j] / temperature : x[row + j];
                logProbabilities[row + j] = z - max[j];
            }
        }
        Exponential.shifted(logProbabilities, base, end - base, 0.0, probabilities, scratch);
        Arrays.fill(sums, 0.0);
        for (int c = 0; c < length; c++) {
            int row = base + c * inner;
            for (int j = 0; j < inner; j++) {
                sums[j] += probabilities[row + j];
            }
        }
        for (int j = 0; j < inner; j++) {
            double sum = sums[j];
            double logSum = Math.log(sum);
            logSumExp[first + j] = max[j] + logSum;
            // The log-sum to sums, 1 / sum to max: the row's two numbers, as LogSoftmaxRow keeps.
            sums[j] = logSum;
            max[j] = 1.0 / sum;
        }
        for (int c = 0; c < length; c++) {
            int row = base + c * inner;
            for (int j = 0; j < inner; j++) {
                logProbabilities[row + j] = logProbabilities[row + j] - sums[j];
                probabilities[row + j] *= max[j];
            }
        }
    }

    /** The product of the sizes after {@code axis}: the distance between neighbours along it. */
    private static int inner(int[] shape, int axis) {
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        return inner;
    }

    /** The product of the sizes before {@code axis}. */
    private static int outer(int[] shape, int axis) {
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= shape[d];
        }
        return outer;
    }

    /**
     * The vector-Jacobian product of softmax along {@code dim} of a tensor of any rank: what {@code
     * probabilities.backward(g)} puts in {@code logits.grad}, with the formula of {@link
     * #vectorJacobianProduct(Matrix, Matrix, double)} over each softmax.
     *
     * @param probabilities {@code softmax(logits / T, dim)}, as {@link #ofLogits(double[], int[],
     *     int, double)} returns it
     * @param upstreamGradient {@code g}, the same shape
     * @throws IllegalArgumentException if a length does not fit, {@code dim} is out of range, or
     *     the temperature is not above 0
     */
    public static double[] vectorJacobianProduct(
            double[] probabilities,
            double[] upstreamGradient,
            int[] shape,
            int dim,
            double temperature) {
        return backward(probabilities, upstreamGradient, shape, dim, temperature, false);
    }

    /**
     * The vector-Jacobian product of log-softmax along {@code dim}: what {@code
     * logProbabilities.backward(g)} puts in {@code logits.grad} ({@code log_softmax} backward).
     *
     * <pre>
     *   gradient_c = (g_c - p_c * sum_k g_k) / T
     * </pre>
     *
     * @param probabilities {@code softmax(logits / T, dim)} ({@code p})
     * @param upstreamGradient {@code g}, the gradient with respect to the log-probabilities
     * @throws IllegalArgumentException as {@link #vectorJacobianProduct(double[], double[], int[],
     *     int, double)}
     */
    public static double[] logVectorJacobianProduct(
            double[] probabilities,
            double[] upstreamGradient,
            int[] shape,
            int dim,
            double temperature) {
        return backward(probabilities, upstreamGradient, shape, dim, temperature, true);
    }

    private static double[] backward(
            double[] p, double[] g, int[] shape, int dim, double temperature, boolean logarithmic) {
        ArgumentChecks.requireFinitePositive(temperature, "temperature");
        int axis = Shapes.axis(dim, shape.length);
        int size = Shapes.size(shape);
        ArgumentChecks.requireElements(p.length, 1, size);
        ArgumentChecks.requireElements(g.length, 1, size);
        int length = shape.length == 0 ? 1 : shape[axis];
        int inner = inner(shape, axis);
        double[] gradient = new double[size];
        if (size == 0) {
            return gradient;
        }
        int outer = size / (length * inner);
        double[] dots = new double[inner];
        for (int o = 0; o < outer; o++) {
            int base = o * length * inner;
            Arrays.fill(dots, 0.0);
            for (int c = 0; c < length; c++) {
                int row = base + c * inner;
                for (int j = 0; j < inner; j++) {
                    dots[j] += logarithmic ? g[row + j] : g[row + j] * p[row + j];
                }
            }
            for (int c = 0; c < length; c++) {
                int row = base + c * inner;
                for (int j = 0; j < inner; j++) {
                    int i = row + j;
                    gradient[i] =
                            logarithmic
                                    ? (g[i] - p[i] * dots[j]) / temperature
                                    : p[i] * (g[i] - dots[j]) / temperature;
                }
            }
        }
        return gradient;
    }

    /**
     * The vector-Jacobian product of softmax: what {@code probabilities.backward(g)} puts in {@code
     * logits.grad}.
     *
     * <pre>
     *   gradient_c = p_c * (g_c - sum_k g_k p_k) / T
     * </pre>
     *
     * @param probabilities {@code softmax(logits / T)} as returned by {@link #ofLogits}
     * @param upstreamGradient {@code g}, same shape
     * @param temperature {@code T}, finite and above 0
     * @throws IllegalArgumentException if the shapes differ or the temperature is not above 0
     */
    public static Matrix vectorJacobianProduct(
            Matrix probabilities, Matrix upstreamGradient, double temperature) {
        ArgumentChecks.requireSameShape(
                upstreamGradient, "upstreamGradient", probabilities, "probabilities");
        ArgumentChecks.requireFinitePositive(temperature, "temperature");
        int rows = probabilities.rows();
        int columns = probabilities.columns();
        double[] p = probabilities.values();
        double[] g = upstreamGradient.values();
        double[] gradient = new double[p.length];
        for (int n = 0; n < rows; n++) {
            int offset = n * columns;
            double dot = 0;
            for (int c = 0; c < columns; c++) {
                dot += g[offset + c] * p[offset + c];
            }
            for (int c = 0; c < columns; c++) {
                gradient[offset + c] = p[offset + c] * (g[offset + c] - dot) / temperature;
            }
        }
        return new Matrix(rows, columns, gradient);
    }
}
