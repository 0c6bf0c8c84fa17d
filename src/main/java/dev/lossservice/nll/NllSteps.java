package dev.lossservice.nll;

import dev.lossservice.core.NegativeLogLikelihood;
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
 * The steps of an NLL answer ({@code ?explain=true}): pick each sample's log-probability at its
 * target, weight it, negate, reduce; the gradient is minus the weight over the denominator at each
 * target. Any input other than {@code N x C} is first viewed as rows ({@link ClassRows}), as
 * cross-entropy's steps do. The values the answer also holds are its own numbers.
 */
final class NllSteps {

    private NllSteps() {}

    /** Version 1's kernel's answer: its compact gradient made dense, as the steps show it. */
    static List<Step> of(
            NllRequest request, ClassInput input, NegativeLogLikelihood.Result result) {
        return of(
                request,
                input,
                new NegativeLogLikelihood.Positions(
                        result.loss(),
                        result.sampleLosses(),
                        result.sampleWeights(),
                        result.ignored(),
                        result.denseGradient().values()));
    }

    /**
     * @param result the answer's numbers, the gradient dense and laid out as the input
     */
    static List<Step> of(
            NllRequest request, ClassInput input, NegativeLogLikelihood.Positions result) {
        return ClassRows.explain(
                input,
                "logProbabilities",
                request.upstreamGradient(),
                result.loss(),
                result.gradient(),
                (steps, view, gradientRows, gradientName) -> {
                    double[] rows = view.addInputRows(steps, request.logProbabilities().values());
                    int[] target = view.addTargetRows(steps, request.target().values());
                    return addRowSteps(
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
                            gradientRows,
                            gradientName);
                });
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
        IgnoredSamples skipped = IgnoredSamples.of(ignored);
        boolean anyIgnored = skipped.any();
        skipped.addKeptStep(steps, targetName, ignored);
        String targets = targetName;
        if (anyIgnored) {
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
        LossSteps.addLoss(steps, loss);
        if (!skipped.gradientDefined(loss)) {
            return false;
        }
        boolean divide = skipped.divides(loss);
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
