package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.core.Reduction;
import dev.lossservice.explain.Step;
import dev.lossservice.explain.Steps;
import dev.lossservice.tensor.Tensor;
import java.util.List;

/**
 * The steps of a cross-entropy answer ({@code ?explain=true}), as the tutorial computes it by hand:
 * shift each row by its maximum, exponentiate, normalise, take the log; one-hot the targets
 * (smoothed with label smoothing, the given distribution for probability targets), weight them,
 * multiply, sum, negate, reduce; then the gradient, {@code softmax - oneHot} over the denominator.
 *
 * <p>The class dimension is axis 1 throughout. The values that the answer also holds (softmax,
 * per-sample losses, lossSum, denominator, loss, gradient) are the answer's own numbers; the others
 * are computed here, only when asked for.
 */
final class CrossEntropySteps {

    private static final String CLASSES = "logits.shape[1]";

    private CrossEntropySteps() {}

    static List<Step> of(CrossEntropyRequest request, CrossEntropy.Result result) {
        Matrix logits = request.logits().toMatrix();
        int rows = logits.rows();
        int columns = logits.columns();
        CrossEntropy.Options options = request.options();
        Steps steps = new Steps();

        double[] x = logits.values();
        double[] shifted = new double[x.length];
        double[] exp = new double[x.length];
        double[] logSoftmax = new double[x.length];
        for (int n = 0; n < rows; n++) {
            int offset = n * columns;
            double max = x[offset];
            for (int c = 1; c < columns; c++) {
                max = Math.max(max, x[offset + c]);
            }
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                shifted[offset + c] = x[offset + c] - max;
                exp[offset + c] = Math.exp(shifted[offset + c]);
                sum += exp[offset + c];
            }
            double logSum = Math.log(sum);
            for (int c = 0; c < columns; c++) {
                logSoftmax[offset + c] = shifted[offset + c] - logSum;
            }
        }
        steps.add(
                "shifted",
                "x_nc - max_k x_nk",
                "logits - logits.max(axis=1, keepdims=True)",
                new Matrix(rows, columns, shifted));
        steps.add("exp", "exp(shifted_nc)", "np.exp(shifted)", new Matrix(rows, columns, exp));
        steps.add(
                "softmax",
                "exp_nc / sum_k exp_nk",
                "exp / exp.sum(axis=1, keepdims=True)",
                result.probabilities());
        steps.add(
                "logSoftmax",
                "shifted_nc - log(sum_k exp_nk)",
                "shifted - np.log(exp.sum(axis=1, keepdims=True))",
                new Matrix(rows, columns, logSoftmax));

        double smoothing = options.labelSmoothing();
        double[] oneHot = new double[x.length];
        boolean anyIgnored = false;
        for (boolean ignored : result.ignored()) {
            anyIgnored |= ignored;
        }
        int[] target = request.target();
        if (target != null) {
            if (anyIgnored) {
                double[] kept = new double[rows];
                for (int n = 0; n < rows; n++) {
                    kept[n] = result.ignored()[n] ? 0 : 1;
                }
                steps.add(
                        "kept", "t_n != ignoreIndex", "target != ignoreIndex", Tensor.vector(kept));
            }
            for (int n = 0; n < rows; n++) {
                if (result.ignored()[n]) {
                    continue;
                }
                for (int c = 0; c < columns; c++) {
                    double hot = c == target[n] ? 1 : 0;
                    oneHot[n * columns + c] =
                            smoothing == 0 ? hot : (1 - smoothing) * hot + smoothing / columns;
                }
            }
            String eye =
                    anyIgnored
                            ? "np.eye(" + CLASSES + ")[np.where(kept, target, 0)]"
                            : "np.eye(" + CLASSES + ")[target]";
            String numpy =
                    smoothing == 0
                            ? eye
                            : "(1 - labelSmoothing) * " + eye + " + labelSmoothing / " + CLASSES;
            if (anyIgnored) {
                numpy = (smoothing == 0 ? numpy : "(" + numpy + ")") + " * kept[:, None]";
            }
            String formula =
                    smoothing == 0
                            ? "[c = t_n]"
                            : "(1 - labelSmoothing) [c = t_n] + labelSmoothing / C";
            steps.add(
                    "oneHot",
                    anyIgnored ? formula + ", 0 where ignored" : formula,
                    numpy,
                    new Matrix(rows, columns, oneHot));
        } else {
            double[] q = request.targetProbabilities().values();
            for (int i = 0; i < q.length; i++) {
                oneHot[i] = smoothing == 0 ? q[i] : q[i] * (1 - smoothing) + smoothing / columns;
            }
            steps.add(
                    "oneHot",
                    smoothing == 0
                            ? "q_nc, the target distribution"
                            : "(1 - labelSmoothing) q_nc + labelSmoothing / C",
                    smoothing == 0
                            ? "targetProbabilities"
                            : "(1 - labelSmoothing) * targetProbabilities + labelSmoothing / "
                                    + CLASSES,
                    new Matrix(rows, columns, oneHot));
        }

        String coefficients = "oneHot";
        double[] a = oneHot;
        double[] weight = options.weight();
        if (weight != null) {
            a = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                a[i] = oneHot[i] * weight[i % columns];
            }
            steps.add("weighted", "w_c oneHot_nc", "oneHot * weight", new Matrix(rows, columns, a));
            coefficients = "weighted";
        }
        steps.add(
                "perSample",
                "-sum_c " + coefficients + "_nc logSoftmax_nc",
                "-(" + coefficients + " * logSoftmax).sum(axis=1)",
                result.sampleLosses());

        ReducedLoss loss = result.loss();
        steps.add("lossSum", "sum_n perSample_n", "perSample.sum()", loss.lossSum());
        String denominator;
        String denominatorFormula;
        if (target == null) {
            denominator = "logits.shape[0]";
            denominatorFormula = "N";
        } else if (weight == null) {
            denominator = anyIgnored ? "kept.sum()" : "len(target)";
            denominatorFormula = anyIgnored ? "samples not ignored" : "N";
        } else {
            denominator = anyIgnored ? "weight[target[kept]].sum()" : "weight[target].sum()";
            denominatorFormula = "sum_n w[t_n]" + (anyIgnored ? " over samples not ignored" : "");
        }
        steps.add("denominator", denominatorFormula, denominator, loss.denominator());
        boolean meanOverZero = loss.reduction() == Reduction.MEAN && loss.denominator() == 0;
        boolean allIgnored = target != null && rows > 0;
        for (boolean ignored : result.ignored()) {
            allIgnored &= ignored;
        }
        if (loss.isDefined()) {
            boolean mean = loss.reduction() == Reduction.MEAN;
            steps.add(
                    "loss",
                    mean ? "lossSum / denominator" : "lossSum",
                    mean ? "lossSum / denominator" : "lossSum",
                    loss.value());
        }
        if (meanOverZero && !allIgnored) {
            // PyTorch's gradient is NaN here; the answer says why, and no step can show it.
            return steps.list();
        }
        // With every sample ignored the gradient is 0, not 0 / 0: nothing to divide.
        String over = loss.reduction() == Reduction.MEAN && !allIgnored ? " / denominator" : "";
        // Each row of oneHot sums to 1 for class indices without weights or ignored samples, so
        // softmax * rowWeight - oneHot is plainly softmax - oneHot.
        if (target != null && weight == null && !anyIgnored) {
            steps.add(
                    "gradient",
                    "(softmax_nc - oneHot_nc)" + over,
                    over.isEmpty() ? "softmax - oneHot" : "(softmax - oneHot)" + over,
                    result.gradient());
            return steps.list();
        }
        double[] rowWeight = new double[rows];
        for (int n = 0; n < rows; n++) {
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                sum += a[n * columns + c];
            }
            rowWeight[n] = sum;
        }
        steps.add(
                "rowWeight",
                "sum_c " + coefficients + "_nc",
                coefficients + ".sum(axis=1, keepdims=True)",
                Steps.column(rowWeight));
        steps.add(
                "gradient",
                "(softmax_nc rowWeight_n - " + coefficients + "_nc)" + over,
                "(softmax * rowWeight - " + coefficients + ")" + over,
                result.gradient());
        return steps.list();
    }
}
