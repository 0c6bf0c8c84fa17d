package dev.lossservice.core;

import java.util.Objects;

/**
 * Negative log-likelihood over log-probabilities, as {@code torch.nn.NLLLoss}, with its gradient.
 *
 * <pre>
 *   loss_n   = -w[t_n] * x[n][t_n]          (0 when t_n = ignoreIndex)
 *   MEAN     = sum_n loss_n / sum_n w[t_n]  (over samples not ignored)
 *   gradient = -w[t_n] * scale at (n, t_n), 0 elsewhere; scale = 1 / denominator for MEAN, else 1
 * </pre>
 *
 * Like PyTorch, the input is not checked to be normalised: any finite values are accepted. With
 * {@code x = log_softmax(logits)} this is {@link CrossEntropy} without label smoothing.
 *
 * <p>The gradient is returned as {@link OneHotRows}, one value per row, not as an N x C matrix of
 * zeros: {@link Result#denseGradient()} materialises it when a matrix is needed.
 */
public final class NegativeLogLikelihood {

    private NegativeLogLikelihood() {}

    /**
     * What both evaluations give besides their gradient, whose form differs: compact rows for an
     * {@code N x C} input ({@link Result}), dense for positions ({@link Positions}).
     */
    public sealed interface Losses permits Result, Positions {

        ReducedLoss loss();

        double[] sampleLosses();

        double[] sampleWeights();

        boolean[] ignored();
    }

    /**
     * The result of one evaluation.
     *
     * @param loss the reduced loss with its sum and denominator
     * @param sampleLosses {@code loss_n}, 0 for ignored samples
     * @param sampleWeights {@code w[t_n]}, 0 for ignored samples
     * @param ignored whether sample n was skipped because its target equals the ignore index
     * @param gradient {@code d loss / d logProbabilities}, N x C, kept compact: row n holds {@code
     *     -w[t_n] * scale} at column {@code t_n} (an ignored row is all {@code +0.0}); {@link
     *     #denseGradient()} gives it as a matrix
     */
    public record Result(
            ReducedLoss loss,
            double[] sampleLosses,
            double[] sampleWeights,
            boolean[] ignored,
            OneHotRows gradient)
            implements Losses {

        /**
         * The gradient as a new dense N x C matrix, bit for bit what {@link #gradient()} holds.
         * Allocates N x C doubles: for callers that need the matrix itself, not for the service's
         * response, which is written from the compact form.
         */
        public Matrix denseGradient() {
            return gradient.toMatrix();
        }
    }

    /**
     * The options of {@code torch.nn.NLLLoss}.
     *
     * @param weight class weights of length C, each finite, or null for all 1; negative weights are
     *     accepted, as PyTorch accepts them
     * @param ignoreIndex target value whose samples are skipped ({@link
     *     CrossEntropy#DEFAULT_IGNORE_INDEX} in PyTorch)
     * @param reduction how the per-sample losses are combined
     */
    public record Options(double[] weight, int ignoreIndex, Reduction reduction) {

        /** PyTorch's defaults: no weights, ignore index -100, mean. */
        public static Options defaults() {
            return new Options(null, CrossEntropy.DEFAULT_IGNORE_INDEX, Reduction.MEAN);
        }

        /**
         * @throws IllegalArgumentException if a weight is not finite
         * @throws NullPointerException if {@code reduction} is null
         */
        public Options {
            Objects.requireNonNull(reduction, "reduction");
            ArgumentChecks.requireFinite(weight, "weight");
        }
    }

    /**
     * NLL of log-probabilities against class indices.
     *
     * @param logProbabilities N x C
     * @param target class index of each sample, in {@code [0, C)} or equal to {@code
     *     options.ignoreIndex()}
     * @throws IllegalArgumentException if the target length is not N, an index is out of range, or
     *     the weight length is not C
     */
    public static Result ofLogProbabilities(
            Matrix logProbabilities, int[] target, Options options) {
        double[] weight = options.weight();
        int ignoreIndex = options.ignoreIndex();
        Reduction reduction = options.reduction();
        int rows = logProbabilities.rows();
        int columns = logProbabilities.columns();
        ClassTargets targets = ClassTargets.of(target, rows, columns, weight, ignoreIndex);
        boolean[] ignored = targets.ignored();
        double[] sampleWeights = targets.sampleWeights();
        double denominator = targets.denominator();
        double scale = new ReducedLoss(reduction, 0, denominator).gradientScale();
        double[] x = logProbabilities.values();
        double[] sampleLosses = new double[rows];
        // The gradient's only non-zero of row n is at its target, so it is kept as one column and
        // one value per row instead of an N x C matrix that is almost all zero. An ignored row
        // keeps column 0 and value +0.0: all +0.0, as a zero-filled dense row.
        int[] gradientColumn = new int[rows];
        double[] gradientValue = new double[rows];
        double lossSum = 0;
        for (int n = 0; n < rows; n++) {
            if (ignored[n]) {
                continue;
            }
            int t = target[n];
            sampleLosses[n] = -sampleWeights[n] * x[n * columns + t];
            lossSum += sampleLosses[n];
            gradientColumn[n] = t;
            // Signs and NaN matter to the caller: a zero weight gives -0.0, and a mean over a zero
            // denominator gives NaN (0 * infinity), the case PyTorch's gradient is NaN.
            gradientValue[n] = -sampleWeights[n] * scale;
        }
        return new Result(
                new ReducedLoss(reduction, lossSum, denominator),
                sampleLosses,
                sampleWeights,
                ignored,
                new OneHotRows(rows, columns, gradientColumn, gradientValue));
    }

    /**
     * The result of one evaluation over positions ({@link ClassShape}): per-position arrays indexed
     * by {@code n * S + s}, and the gradient dense, laid out as the input.
     *
     * @param gradient {@code d loss / d logProbabilities} times the upstream gradient
     */
    public record Positions(
            ReducedLoss loss,
            double[] sampleLosses,
            double[] sampleWeights,
            boolean[] ignored,
            double[] gradient)
            implements Losses {}

    /**
     * NLL over an input of any rank with its classes in dimension 1, as {@code F.nll_loss} takes
     * {@code N x C x d1 ... dk}: {@code loss_p = -w[t_p] * x[n][t_p][s]} for position {@code p =
     * (n, s)}; {@code MEAN} divides by the total target weight over all positions.
     *
     * @param upstream the gradient flowing into the returned loss: null for 1, one number for
     *     {@code MEAN} and {@code SUM}, one per position for {@code NONE}
     * @throws IllegalArgumentException if a length does not fit the shape or an index is out of
     *     range
     */
    public static Positions ofLogProbabilities(
            double[] logProbabilities,
            ClassShape shape,
            int[] target,
            Options options,
            double[] upstream) {
        ArgumentChecks.requireOnePerRow(
                logProbabilities.length, "logProbabilities", shape.elements());
        int positions = shape.positions();
        Reduction reduction = options.reduction();
        ClassTargets targets =
                ClassTargets.of(
                        target,
                        positions,
                        shape.classes(),
                        options.weight(),
                        options.ignoreIndex());
        boolean[] ignored = targets.ignored();
        double[] sampleWeights = targets.sampleWeights();
        double denominator = targets.denominator();
        double scale = new ReducedLoss(reduction, 0, denominator).gradientScale();
        double[] sampleLosses = new double[positions];
        double[] gradient = new double[shape.elements()];
        double lossSum = 0;
        for (int position = 0; position < positions; position++) {
            if (ignored[position]) {
                continue;
            }
            int at = shape.index(position, target[position]);
            sampleLosses[position] = -sampleWeights[position] * logProbabilities[at];
            lossSum += sampleLosses[position];
            gradient[at] = -sampleWeights[position] * scale;
        }
        Upstream.apply(gradient, shape, reduction, upstream);
        return new Positions(
                new ReducedLoss(reduction, lossSum, denominator),
                sampleLosses,
                sampleWeights,
                ignored,
                gradient);
    }
}
