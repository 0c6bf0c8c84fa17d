package dev.lossservice.nll;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.core.Reduction;
import dev.lossservice.explain.Step;
import dev.lossservice.explain.Steps;
import dev.lossservice.loss.ClassInput;
import dev.lossservice.loss.ClassRows;
import dev.lossservice.tensor.Tensor;
import java.util.List;

/**
 * The steps of an NLL answer ({@code ?explain=true}): pick each sample's log-probability at its
 * target, weight it, negate, reduce; the gradient is minus the weight over the denominator at each
 * target. Any input other than {@code N x C} is first viewed as rows ({@link ClassRows}), as
 * cross-entropy's steps do. The values the answer also holds are its own numbers.
 */
final class NllSteps {

    private NllSteps() {}

    /** An {@code N x C} input without an upstream gradient: the answer's compact gradient. */
    static List<Step> of(NllRequest request, NegativeLogLikelihood.Result result) {
        Matrix input = request.logProbabilities().toMatrix();
        Steps steps = new Steps();
        addRowSteps(
                steps,
                new ClassRows.Names("logProbabilities", "target", null),
                input.rows(),
                input.columns(),
                input.values(),
                request.target().values(),
                result.ignored(),
                result.sampleWeights(),
                result.sampleLosses(),
                request.weight() != null,
                result.loss(),
                result.denseGradient().values(),
                "gradient");
        return steps.list();
    }

    /** Any other input, or an upstream gradient: the answer of the class-strided kernel. */
    static List<Step> of(
            NllRequest request, ClassInput input, NegativeLogLikelihood.Positions result) {
        Steps steps = new Steps();
        if (input.empty()) {
            ClassRows.addEmptyBatchSteps(
                    steps, "logProbabilities", input.shape(), result.loss(), result.gradient());
            return steps.list();
        }
        ClassRows view = new ClassRows(input, "logProbabilities");
        double[] rows = view.addInputRows(steps, request.logProbabilities().values());
        int[] target = view.addTargetRows(steps, request.target().values());
        Tensor upstream = request.upstreamGradient();
        boolean defined =
                addRowSteps(
                        steps,
                        view.names(),
                        view.rowCount(),
                        view.columns(),
                        rows,
                        target,
                        result.ignored(),
                        result.sampleWeights(),
                        result.sampleLosses(),
                        request.weight() != null,
                        result.loss(),
                        upstream == null ? view.rowsOf(result.gradient()) : null,
                        upstream == null ? view.gradientRowsName() : ClassRows.LOCAL_GRADIENT);
        if (defined) {
            view.addUpstreamAndShapeSteps(
                    steps, upstream, result.loss().reduction(), result.gradient());
        }
        return steps.list();
    }

    /**
     * The pick, the weighting and the reduction over rows, ending with the gradient step named
     * {@code gradientName}.
     *
     * @param gradient the answer's gradient rows, or null to compute them here (when the answer's
     *     gradient holds an upstream gradient besides)
     * @return false where PyTorch's gradient is NaN, so that there is no gradient step
     */
    private static boolean addRowSteps(
            Steps steps,
            ClassRows.Names names,
            int rows,
            int columns,
            double[] input,
            int[] target,
            boolean[] ignored,
            double[] sampleWeights,
            double[] sampleLosses,
            boolean classWeights,
            ReducedLoss loss,
            double[] gradient,
            String gradientName) {
        String logProbabilities = names.input();
        String targetName = names.target();
        boolean anyIgnored = false;
        for (boolean skipped : ignored) {
            anyIgnored |= skipped;
        }
        String targets = targetName;
        if (anyIgnored) {
            double[] kept = new double[rows];
            for (int n = 0; n < rows; n++) {
                kept[n] = ignored[n] ? 0 : 1;
            }
            steps.add(
                    "kept",
                    "t_n != ignoreIndex",
                    targetName + " != ignoreIndex",
                    Tensor.vector(kept));
            // Ignored samples pick class 0, then masked: their target may be no class at all.
            targets = "np.where(kept, " + targetName + ", 0)";
        }
        double[] picked = new double[rows];
        for (int n = 0; n < rows; n++) {
            picked[n] = ignored[n] ? 0 : input[n * columns + target[n]];
        }
        String pick = logProbabilities + "[np.arange(len(" + targetName + ")), " + targets + "]";
        steps.add(
                "picked",
                "x[n, t_n]" + (anyIgnored ? ", 0 where ignored" : ""),
                anyIgnored ? "np.where(kept, " + pick + ", 0.0)" : pick,
                picked);

        boolean weighted = classWeights || anyIgnored;
        if (weighted) {
            String numpy;
            if (!classWeights) {
                numpy = "kept * 1.0";
            } else if (anyIgnored) {
                numpy = "np.where(kept, weight[np.where(kept, " + targetName + ", 0)], 0.0)";
            } else {
                numpy = "weight[" + targetName + "]";
            }
            steps.add(
                    "sampleWeight",
                    (classWeights ? "w[t_n]" : "1") + (anyIgnored ? ", 0 where ignored" : ""),
                    numpy,
                    sampleWeights);
        }
        steps.add(
                "perSample",
                weighted ? "-sampleWeight_n picked_n" : "-picked_n",
                weighted ? "-sampleWeight * picked" : "-picked",
                sampleLosses);

        steps.add("lossSum", "sum_n perSample_n", "perSample.sum()", loss.lossSum());
        steps.add(
                "denominator",
                weighted ? "sum_n sampleWeight_n" : "N",
                weighted ? "sampleWeight.sum()" : "len(" + targetName + ")",
                loss.denominator());
        boolean mean = loss.reduction() == Reduction.MEAN;
        if (loss.isDefined()) {
            steps.add(
                    "loss",
                    mean ? "lossSum / denominator" : "lossSum",
                    mean ? "lossSum / denominator" : "lossSum",
                    loss.value());
        }
        boolean allIgnored = rows > 0;
        for (boolean skipped : ignored) {
            allIgnored &= skipped;
        }
        if (mean && loss.denominator() == 0 && !allIgnored && rows > 0) {
            // PyTorch's gradient is NaN here; the answer says why, and no step can show it. (With
            // no position at all the gradient has no element, NaN or not.)
            return false;
        }
        // With every sample ignored the gradient is 0, not 0 / 0: nothing to divide.
        boolean divide = mean && !allIgnored;
        String over = divide ? " / denominator" : "";
        if (gradient == null) {
            gradient = new double[rows * columns];
            for (int n = 0; n < rows; n++) {
                if (!ignored[n]) {
                    double weight = weighted ? sampleWeights[n] : 1;
                    gradient[n * columns + target[n]] = -weight / (divide ? loss.denominator() : 1);
                }
            }
        }
        String oneHot = "np.eye(" + logProbabilities + ".shape[1])[" + targets + "]";
        steps.add(
                gradientName,
                (weighted ? "-sampleWeight_n [c = t_n]" : "-[c = t_n]") + over,
                "-" + oneHot + (weighted ? " * sampleWeight[:, None]" : "") + over,
                new Tensor(gradient, new int[] {rows, columns}));
        return true;
    }
}
