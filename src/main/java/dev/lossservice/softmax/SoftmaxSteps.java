package dev.lossservice.softmax;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.Softmax;
import dev.lossservice.explain.Step;
import dev.lossservice.explain.Steps;
import dev.lossservice.tensor.Tensor;
import java.util.List;

/**
 * The steps of a softmax answer ({@code ?explain=true}): divide by the temperature, shift by the
 * maximum along {@code dim}, exponentiate, sum, normalise; the log-sum-exp and the
 * log-probabilities from the same sum; with an upstream gradient, its vector-Jacobian product.
 * Written over {@code axis=dim} so that they read the same for any dimension. Values the answer
 * also holds are its own numbers.
 */
final class SoftmaxSteps {

    private SoftmaxSteps() {}

    /**
     * @param vectorJacobianProduct the gradient for the request's upstream gradient, or null
     *     without one
     */
    static List<Step> of(
            SoftmaxRequest request, Softmax.Result result, Matrix vectorJacobianProduct) {
        Matrix logits = request.logits().toMatrix();
        double temperature = request.temperatureOrDefault();
        int rows = logits.rows();
        int columns = logits.columns();
        double[] x = logits.values();
        double[] scaled = new double[x.length];
        double[] shifted = new double[x.length];
        double[] exp = new double[x.length];
        double[] sum = new double[rows];
        for (int n = 0; n < rows; n++) {
            int offset = n * columns;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < columns; c++) {
                // Divided, not multiplied by 1 / T, as logits / temperature divides.
                scaled[offset + c] = x[offset + c] / temperature;
                max = Math.max(max, scaled[offset + c]);
            }
            double total = 0;
            for (int c = 0; c < columns; c++) {
                shifted[offset + c] = scaled[offset + c] - max;
                exp[offset + c] = Math.exp(shifted[offset + c]);
                total += exp[offset + c];
            }
            sum[n] = total;
        }
        Steps steps = new Steps();
        steps.add("scaled", "z = x / T", "logits / temperature", new Matrix(rows, columns, scaled));
        steps.add(
                "shifted",
                "z - max(z)",
                "scaled - scaled.max(axis=dim, keepdims=True)",
                new Matrix(rows, columns, shifted));
        steps.add("exp", "exp(shifted)", "np.exp(shifted)", new Matrix(rows, columns, exp));
        steps.add("sum", "sum of exp", "exp.sum(axis=dim, keepdims=True)", Steps.column(sum));
        steps.add("probabilities", "exp / sum", "exp / sum", result.probabilities());
        steps.add(
                "logSumExp",
                "max(z) + log(sum)",
                "scaled.max(axis=dim) + np.log(exp.sum(axis=dim))",
                Tensor.vector(result.logSumExp()));
        steps.add(
                "logProbabilities",
                "shifted - log(sum)",
                "shifted - np.log(sum)",
                result.logProbabilities());
        if (vectorJacobianProduct != null) {
            double[] p = result.probabilities().values();
            double[] g = request.upstreamGradient().values();
            double[] dot = new double[rows];
            for (int n = 0; n < rows; n++) {
                double total = 0;
                for (int c = 0; c < columns; c++) {
                    total += g[n * columns + c] * p[n * columns + c];
                }
                dot[n] = total;
            }
            steps.add(
                    "dot",
                    "sum_k g_k p_k",
                    "(upstreamGradient * probabilities).sum(axis=dim, keepdims=True)",
                    Steps.column(dot));
            steps.add(
                    "gradient",
                    "p (g - dot) / T",
                    "probabilities * (upstreamGradient - dot) / temperature",
                    vectorJacobianProduct);
        }
        return steps.list();
    }
}
