package dev.lossservice.core;

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
     * Softmax of {@code logits / temperature}, row by row.
     *
     * @throws IllegalArgumentException if {@code temperature} is not a finite number above 0
     */
    public static Result ofLogits(Matrix logits, double temperature) {
        ArgumentChecks.requireFinitePositive(temperature, "temperature");
        int rows = logits.rows();
        int columns = logits.columns();
        double[] x = logits.values();
        double[][] outputs = RowBlocks.newArrays(2, x.length);
        double[] probabilities = outputs[0];
        double[] logProbabilities = outputs[1];
        double[] logSumExp = new double[rows];
        int[] predictedClass = new int[rows];
        RowBlocks.run(
                rows,
                columns,
                (from, to) -> {
                    LogSoftmaxRow row = new LogSoftmaxRow(temperature);
                    for (int n = from; n < to; n++) {
                        int offset = n * columns;
                        // logProbabilities is the exponentials' scratch space until it gets its
                        // values.
                        row.load(x, offset, columns, probabilities, logProbabilities);
                        row.write(x, offset, columns, probabilities, logProbabilities);
                        predictedClass[n] = row.argmax();
                        logSumExp[n] = row.logSumExp();
                    }
                });
        return new Result(
                new Matrix(rows, columns, probabilities),
                new Matrix(rows, columns, logProbabilities),
                logSumExp,
                predictedClass);
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
