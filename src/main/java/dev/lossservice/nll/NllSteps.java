package dev.lossservice.nll;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.NegativeLogLikelihood;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.core.Reduction;
import dev.lossservice.explain.Step;
import dev.lossservice.explain.Steps;
import dev.lossservice.tensor.Tensor;
import java.util.List;

/**
 * The steps of an NLL answer ({@code ?explain=true}): pick each sample's log-probability at its
 * target, weight it, negate, reduce; the gradient is minus the weight over the denominator at each
 * target. The values the answer also holds are its own numbers.
 */
final class NllSteps {

    private NllSteps() {}

    static List<Step> of(NllRequest request, NegativeLogLikelihood.Result result) {
        Matrix input = request.logProbabilities().toMatrix();
        int rows = input.rows();
        int columns = input.columns();
        int[] target = request.target();
        boolean[] ignored = result.ignored();
        boolean anyIgnored = false;
        for (boolean skipped : ignored) {
            anyIgnored |= skipped;
        }
        Steps steps = new Steps();
        String targets = "target";
        if (anyIgnored) {
            double[] kept = new double[rows];
            for (int n = 0; n < rows; n++) {
                kept[n] = ignored[n] ? 0 : 1;
            }
            steps.add("kept", "t_n != ignoreIndex", "target != ignoreIndex", Tensor.vector(kept));
            // Ignored samples pick class 0, then masked: their target may be no class at all.
            targets = "np.where(kept, target, 0)";
        }
        double[] picked = new double[rows];
        for (int n = 0; n < rows; n++) {
            picked[n] = ignored[n] ? 0 : input.get(n, target[n]);
        }
        String pick = "logProbabilities[np.arange(len(target)), " + targets + "]";
        steps.add(
                "picked",
                "x[n, t_n]" + (anyIgnored ? ", 0 where ignored" : ""),
                anyIgnored ? "np.where(kept, " + pick + ", 0.0)" : pick,
                picked);

        boolean weighted = request.weight() != null || anyIgnored;
        if (weighted) {
            String numpy;
            if (request.weight() == null) {
                numpy = "kept * 1.0";
            } else if (anyIgnored) {
                numpy = "np.where(kept, weight[np.where(kept, target, 0)], 0.0)";
            } else {
                numpy = "weight[target]";
            }
            steps.add(
                    "sampleWeight",
                    (request.weight() == null ? "1" : "w[t_n]")
                            + (anyIgnored ? ", 0 where ignored" : ""),
                    numpy,
                    result.sampleWeights());
        }
        steps.add(
                "perSample",
                weighted ? "-sampleWeight_n picked_n" : "-picked_n",
                weighted ? "-sampleWeight * picked" : "-picked",
                result.sampleLosses());

        ReducedLoss loss = result.loss();
        steps.add("lossSum", "sum_n perSample_n", "perSample.sum()", loss.lossSum());
        steps.add(
                "denominator",
                weighted ? "sum_n sampleWeight_n" : "N",
                weighted ? "sampleWeight.sum()" : "len(target)",
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
        if (mean && loss.denominator() == 0 && !allIgnored) {
            // PyTorch's gradient is NaN here; the answer says why, and no step can show it.
            return steps.list();
        }
        // With every sample ignored the gradient is 0, not 0 / 0: nothing to divide.
        String over = mean && !allIgnored ? " / denominator" : "";
        String oneHot = "np.eye(logProbabilities.shape[1])[" + targets + "]";
        steps.add(
                "gradient",
                (weighted ? "-sampleWeight_n [c = t_n]" : "-[c = t_n]") + over,
                "-" + oneHot + (weighted ? " * sampleWeight[:, None]" : "") + over,
                new Tensor(result.denseGradient().values(), new int[] {rows, columns}));
        return steps.list();
    }
}
