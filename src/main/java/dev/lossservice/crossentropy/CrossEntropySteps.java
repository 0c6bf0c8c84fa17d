package dev.lossservice.crossentropy;

import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.explain.Step;
import dev.lossservice.explain.Steps;
import dev.lossservice.loss.ClassInput;
import dev.lossservice.loss.ClassRows;
import dev.lossservice.loss.IgnoredSamples;
import dev.lossservice.loss.LossSteps;
import dev.lossservice.tensor.Tensor;
import java.util.List;

/**
 * The steps of a cross-entropy answer ({@code ?explain=true}), as the tutorial computes it by hand:
 * shift each row by its maximum, exponentiate, normalise, take the log; one-hot the targets
 * (smoothed with label smoothing, the given distribution for probability targets), weight them,
 * multiply, sum, negate, reduce; then the gradient, {@code softmax - oneHot} over the denominator.
 *
 * <p>The steps work on rows, one per position, with the classes along axis 1. An {@code N x C}
 * input is its own rows; any other input is first viewed as rows ({@link ClassRows}), and the
 * gradient is put back into the input's shape at the end. With an upstream gradient, the local
 * gradient is multiplied by it. The values that the answer also holds (softmax, per-sample losses,
 * lossSum, denominator, loss, gradient) are the answer's own numbers; the others are computed here,
 * only when asked for.
 */
final class CrossEntropySteps {

    private CrossEntropySteps() {}

    /**
     * @param result the answer's numbers, laid out as the input (the row kernel's, for {@code N x
     *     C}, are)
     */
    static List<Step> of(
            CrossEntropyRequest request, ClassInput input, CrossEntropy.Positions result) {
        Tensor upstream = request.upstreamGradient();
        return ClassRows.explain(
                input,
                "logits",
                upstream,
                result.loss(),
                result.gradient(),
                (steps, view, gradientRows, gradientName) -> {
                    double[] logitRows = view.addInputRows(steps, request.logits().values());
                    int[] target = null;
                    double[] targetProbabilities = null;
                    if (request.target() != null) {
                        target = view.addTargetRows(steps, request.target().values());
                    } else {
                        targetProbabilities =
                                view.addProbabilityRows(
                                        steps,
                                        "targetProbabilities",
                                        view.rowsOf(request.targetProbabilities().values()));
                    }
                    Rows rows =
                            new Rows(
                                    view.names(),
                                    view.rowCount(),
                                    view.columns(),
                                    logitRows,
                                    target,
                                    targetProbabilities,
                                    view.rowsOf(result.probabilities()),
                                    result.ignored(),
                                    result.sampleLosses());
                    return addRowSteps(
                            steps,
                            rows,
                            request.options(),
                            result.loss(),
                            gradientRows,
                            gradientName);
                });
    }

    /**
     * The rows an explanation reads, and the answer's numbers over them.
     *
     * @param names the NumPy names of the input, target and probability-target rows
     * @param target class indices, one per row, or null
     * @param targetProbabilities the probability-target rows, or null
     * @param probabilities the answer's softmax rows
     */
    private record Rows(
            ClassRows.Names names,
            int count,
            int columns,
            double[] x,
            int[] target,
            double[] targetProbabilities,
            double[] probabilities,
            boolean[] ignored,
            double[] sampleLosses) {}

    /**
     * The tutorial's steps over rows, ending with the gradient step named {@code gradientName}.
     *
     * @param gradient the gradient rows of the answer, or null to compute them here (when the
     *     answer's gradient holds an upstream gradient besides)
     * @return false where PyTorch's gradient is NaN, so that there is no gradient step
     */
    private static boolean addRowSteps(
            Steps steps,
            Rows rows,
            CrossEntropy.Options options,
            ReducedLoss loss,
            double[] gradient,
            String gradientName) {
        String logits = rows.names().input();
        String classes = logits + ".shape[1]";
        int count = rows.count();
        int columns = rows.columns();
        double[] x = rows.x();
        double[] shifted = new double[x.length];
        double[] exp = new double[x.length];
        double[] logSoftmax = new double[x.length];
        for (int n = 0; n < count; n++) {
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
                logits + " - " + logits + ".max(axis=1, keepdims=True)",
                new Matrix(count, columns, shifted));
        steps.add("exp", "exp(shifted_nc)", "np.exp(shifted)", new Matrix(count, columns, exp));
        steps.add(
                "softmax",
                "exp_nc / sum_k exp_nk",
                "exp / exp.sum(axis=1, keepdims=True)",
                new Matrix(count, columns, rows.probabilities()));
        steps.add(
                "logSoftmax",
                "shifted_nc - log(sum_k exp_nk)",
                "shifted - np.log(exp.sum(axis=1, keepdims=True))",
                new Matrix(count, columns, logSoftmax));

        double smoothing = options.labelSmoothing();
        double[] oneHot = new double[x.length];
        boolean[] ignoredRows = rows.ignored();
        IgnoredSamples ignored = IgnoredSamples.of(ignoredRows);
        boolean anyIgnored = ignored.any();
        int[] target = rows.target();
        String targets = rows.names().target();
        if (target != null) {
            ignored.addKeptStep(steps, targets, ignoredRows);
            for (int n = 0; n < count; n++) {
                if (ignoredRows[n]) {
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
                            ? "np.eye(" + classes + ")[np.where(kept, " + targets + ", 0)]"
                            : "np.eye(" + classes + ")[" + targets + "]";
            String numpy =
                    smoothing == 0
                            ? eye
                            : "(1 - labelSmoothing) * " + eye + " + labelSmoothing / " + classes;
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
                    new Matrix(count, columns, oneHot));
        } else {
            double[] q = rows.targetProbabilities();
            for (int i = 0; i < q.length; i++) {
                oneHot[i] = smoothing == 0 ? q[i] : q[i] * (1 - smoothing) + smoothing / columns;
            }
            String distribution = rows.names().probabilityTarget();
            steps.add(
                    "oneHot",
                    smoothing == 0
                            ? "q_nc, the target distribution"
                            : "(1 - labelSmoothing) q_nc + labelSmoothing / C",
                    smoothing == 0
                            ? distribution
                            : "(1 - labelSmoothing) * "
                                    + distribution
                                    + " + labelSmoothing / "
                                    + classes,
                    new Matrix(count, columns, oneHot));
        }

        String coefficients = "oneHot";
        double[] a = oneHot;
        double[] weight = options.weight();
        if (weight != null) {
            a = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                a[i] = oneHot[i] * weight[i % columns];
            }
            steps.add(
                    "weighted", "w_c oneHot_nc", "oneHot * weight", new Matrix(count, columns, a));
            coefficients = "weighted";
        }
        steps.add(
                "perSample",
                "-sum_c " + coefficients + "_nc logSoftmax_nc",
                "-(" + coefficients + " * logSoftmax).sum(axis=1)",
                rows.sampleLosses());

        steps.add("lossSum", "sum_n perSample_n", "perSample.sum()", loss.lossSum());
        String denominator;
        String denominatorFormula;
        if (target == null) {
            denominator = "len(" + logits + ")";
            denominatorFormula = "N";
        } else if (weight == null) {
            denominator = anyIgnored ? "kept.sum()" : "len(" + targets + ")";
            denominatorFormula = anyIgnored ? "samples not ignored" : "N";
        } else {
            denominator =
                    anyIgnored
                            ? "weight[" + targets + "[kept]].sum()"
                            : "weight[" + targets + "].sum()";
            denominatorFormula = "sum_n w[t_n]" + (anyIgnored ? " over samples not ignored" : "");
        }
        steps.add("denominator", denominatorFormula, denominator, loss.denominator());
        LossSteps.addLoss(steps, loss);
        if (!ignored.gradientDefined(loss)) {
            return false;
        }
        boolean divide = ignored.divides(loss);
        String over = divide ? " / denominator" : "";
        double scale = divide ? loss.denominator() : 1;
        // Each row of oneHot sums to 1 for class indices without weights or ignored samples, so
        // softmax * rowWeight - oneHot is plainly softmax - oneHot.
        double[] p = rows.probabilities();
        if (target != null && weight == null && !anyIgnored) {
            if (gradient == null) {
                gradient = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    gradient[i] = (p[i] - oneHot[i]) / scale;
                }
            }
            steps.add(
                    gradientName,
                    "(softmax_nc - oneHot_nc)" + over,
                    over.isEmpty() ? "softmax - oneHot" : "(softmax - oneHot)" + over,
                    new Matrix(count, columns, gradient));
            return true;
        }
        double[] rowWeight = new double[count];
        for (int n = 0; n < count; n++) {
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
        if (gradient == null) {
            gradient = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                gradient[i] = (p[i] * rowWeight[i / columns] - a[i]) / scale;
            }
        }
        steps.add(
                gradientName,
                "(softmax_nc rowWeight_n - " + coefficients + "_nc)" + over,
                "(softmax * rowWeight - " + coefficients + ")" + over,
                new Matrix(count, columns, gradient));
        return true;
    }
}
