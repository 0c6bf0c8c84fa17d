package dev.lossservice.softmax;

import dev.lossservice.core.Softmax;
import dev.lossservice.explain.Step;
import dev.lossservice.explain.Steps;
import dev.lossservice.tensor.Tensor;
import java.util.List;

/**
 * The steps of a softmax answer ({@code ?explain=true}): divide by the temperature, shift by the
 * maximum along {@code dim}, exponentiate, sum, normalise; the log-sum-exp and the
 * log-probabilities from the same sum; with an upstream gradient, its vector-Jacobian product (with
 * {@code upstreamLogGradient}, that of {@code log_softmax}). Written over {@code axis=dim} so that
 * they read the same for any rank and dimension. Values the answer also holds are its own numbers.
 */
final class SoftmaxSteps {

    private SoftmaxSteps() {}

    /**
     * @param vectorJacobianProduct the gradient for the request's upstream gradient, or null
     *     without one
     */
    static List<Step> of(
            SoftmaxRequest request, Softmax.AlongDim result, double[] vectorJacobianProduct) {
        double[] x = request.logits().values();
        double temperature = request.temperatureOrDefault();
        int[] shape = result.shape();
        int dim = result.dim();
        // The tensor as outer x size x inner blocks, dim in the middle (size 1 for a 0-d tensor).
        int size = shape.length == 0 ? 1 : shape[dim];
        int outer = 1;
        for (int d = 0; d < dim; d++) {
            outer *= shape[d];
        }
        int inner = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        double[] scaled = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            // Divided, not multiplied by 1 / T, as logits / temperature divides.
            scaled[i] = x[i] / temperature;
        }
        Steps steps = new Steps();
        steps.add("scaled", "z = x / T", "logits / temperature", new Tensor(scaled, shape));
        if (size == 0) {
            // No element along dim: nothing to normalise, and no maximum to shift by.
            Tensor empty = new Tensor(new double[0], shape);
            steps.add(
                    "probabilities", "dim has size 0: no element", "np.zeros_like(scaled)", empty);
            steps.add(
                    "logProbabilities",
                    "dim has size 0: no element",
                    "np.zeros_like(scaled)",
                    empty);
            if (vectorJacobianProduct != null) {
                steps.add("gradient", "dim has size 0: no element", "np.zeros_like(logits)", empty);
            }
            return steps.list();
        }
        double[] shifted = new double[x.length];
        double[] exp = new double[x.length];
        double[] sum = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int first = o * size * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < size; k++) {
                    max = Math.max(max, scaled[first + k * inner]);
                }
                double total = 0;
                for (int k = 0; k < size; k++) {
                    int at = first + k * inner;
                    shifted[at] = scaled[at] - max;
                    exp[at] = Math.exp(shifted[at]);
                    total += exp[at];
                }
                sum[o * inner + i] = total;
            }
        }
        int[] kept = keptDims(shape, dim);
        steps.add(
                "shifted",
                "z - max(z)",
                "scaled - scaled.max(axis=dim, keepdims=True)",
                new Tensor(shifted, shape));
        steps.add("exp", "exp(shifted)", "np.exp(shifted)", new Tensor(exp, shape));
        steps.add("sum", "sum of exp", "exp.sum(axis=dim, keepdims=True)", new Tensor(sum, kept));
        steps.add(
                "probabilities",
                "exp / sum",
                "exp / sum",
                new Tensor(result.probabilities(), shape));
        steps.add(
                "logSumExp",
                "max(z) + log(sum)",
                "scaled.max(axis=dim) + np.log(exp.sum(axis=dim))",
                new Tensor(result.logSumExp(), reducedDims(shape, dim)));
        steps.add(
                "logProbabilities",
                "shifted - log(sum)",
                "shifted - np.log(sum)",
                new Tensor(result.logProbabilities(), shape));
        if (vectorJacobianProduct == null) {
            return steps.list();
        }
        Tensor gradient = new Tensor(vectorJacobianProduct, shape);
        double[] p = result.probabilities();
        if (request.upstreamGradient() != null) {
            double[] g = request.upstreamGradient().values();
            steps.add(
                    "dot",
                    "sum_k g_k p_k",
                    "(upstreamGradient * probabilities).sum(axis=dim, keepdims=True)",
                    new Tensor(sumAlongDim(g, p, outer, size, inner), kept));
            steps.add(
                    "gradient",
                    "p (g - dot) / T",
                    "probabilities * (upstreamGradient - dot) / temperature",
                    gradient);
        } else {
            double[] g = request.upstreamLogGradient().values();
            steps.add(
                    "gradientSum",
                    "sum_k g_k",
                    "upstreamLogGradient.sum(axis=dim, keepdims=True)",
                    new Tensor(sumAlongDim(g, null, outer, size, inner), kept));
            steps.add(
                    "gradient",
                    "(g - p gradientSum) / T",
                    "(upstreamLogGradient - probabilities * gradientSum) / temperature",
                    gradient);
        }
        return steps.list();
    }

    /** {@code sum_k a_k b_k} along dim (b null: {@code sum_k a_k}), one per outer x inner. */
    private static double[] sumAlongDim(double[] a, double[] b, int outer, int size, int inner) {
        double[] sums = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int first = o * size * inner + i;
                double total = 0;
                for (int k = 0; k < size; k++) {
                    int at = first + k * inner;
                    total += b == null ? a[at] : a[at] * b[at];
                }
                sums[o * inner + i] = total;
            }
        }
        return sums;
    }

    /** The shape with dim of size 1, as NumPy's {@code keepdims=True} leaves it. */
    private static int[] keptDims(int[] shape, int dim) {
        int[] kept = shape.clone();
        if (kept.length > 0) {
            kept[dim] = 1;
        }
        return kept;
    }

    /** The shape without dim. */
    private static int[] reducedDims(int[] shape, int dim) {
        int[] reduced = new int[Math.max(shape.length - 1, 0)];
        for (int d = 0, r = 0; d < shape.length; d++) {
            if (d != dim) {
                reduced[r++] = shape[d];
            }
        }
        return reduced;
    }
}
