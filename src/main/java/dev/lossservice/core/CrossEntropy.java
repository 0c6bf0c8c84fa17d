package dev.lossservice.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * Cross-entropy of softmax over logits, as {@code torch.nn.CrossEntropyLoss}, with its gradient
 * computed in the same pass.
 *
 * <p>With {@code lp = log_softmax(logits)} and {@code p = softmax(logits)}, every per-sample loss
 * has the form {@code loss_n = -sum_c a_nc * lp_nc} for coefficients {@code a} fixed by the target,
 * and its gradient with respect to the logits is {@code p_nc * A_n - a_nc} with {@code A_n = sum_c
 * a_nc}. The coefficients, for class weights {@code w} (all 1 when absent), label smoothing {@code
 * e} and {@code C} classes:
 *
 * <ul>
 *   <li>class index {@code t_n}: {@code a_nc = (1 - e) * w_t * [c = t_n] + (e / C) * w_c}; an
 *       ignored sample ({@code t_n = ignoreIndex}) has {@code a = 0}, loss 0, gradient 0. {@code
 *       MEAN} divides by {@code sum_n w[t_n]} over samples not ignored (PyTorch uses that
 *       denominator for the smoothing term too).
 *   <li>probabilities {@code q_n}: {@code a_nc = w_c * ((1 - e) * q_nc + e / C)}. {@code MEAN}
 *       divides by {@code N}.
 * </ul>
 *
 * Where {@code MEAN} divides by a total weight of 0, the loss is NaN as in PyTorch, and so is the
 * gradient of every sample that is not ignored.
 */
public final class CrossEntropy {

    /** PyTorch's default {@code ignore_index}. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private CrossEntropy() {}

    /**
     * The options of {@code torch.nn.CrossEntropyLoss}, for both target kinds.
     *
     * @param weight class weights of length C, each finite, or null for all 1; negative weights are
     *     accepted, as PyTorch accepts them
     * @param ignoreIndex a target value whose samples are skipped (class-index targets only)
     * @param labelSmoothing {@code e} in {@code [0, 1]}
     * @param reduction how the per-sample losses are combined
     */
    public record Options(
            double[] weight, int ignoreIndex, double labelSmoothing, Reduction reduction) {

        /** PyTorch's defaults: no weights, ignore index -100, no smoothing, mean. */
        public static Options defaults() {
            return new Options(null, DEFAULT_IGNORE_INDEX, 0.0, Reduction.MEAN);
        }

        /**
         * @throws IllegalArgumentException if the smoothing is outside {@code [0, 1]} or a weight
         *     is not finite
         * @throws NullPointerException if {@code reduction} is null
         */
        public Options {
            Objects.requireNonNull(reduction, "reduction");
            ArgumentChecks.requireUnitInterval(labelSmoothing, "labelSmoothing");
            ArgumentChecks.requireFinite(weight, "weight");
        }
    }

    /**
     * The result of one evaluation.
     *
     * @param loss the reduced loss with its sum and denominator
     * @param sampleLosses {@code loss_n}, PyTorch's {@code reduction='none'} values, 0 for ignored
     *     samples
     * @param sampleWeights {@code w[t_n]} for class-index targets (0 when ignored); all 1 for
     *     probability targets
     * @param ignored whether sample n was skipped because its target equals the ignore index
     * @param probabilities {@code softmax(logits)}, N x C
     * @param predictedClass first index of each row's maximum logit
     * @param gradient {@code d loss / d logits}, N x C (of {@code lossSum} for {@code NONE})
     */
    public record Result(
            ReducedLoss loss,
            double[] sampleLosses,
            double[] sampleWeights,
            boolean[] ignored,
            Matrix probabilities,
            int[] predictedClass,
            Matrix gradient) {}

    /**
     * Cross-entropy against class indices.
     *
     * @param logits N x C unnormalised scores
     * @param target class index of each sample, in {@code [0, C)} or equal to {@code
     *     options.ignoreIndex()}
     * @throws IllegalArgumentException if {@code target} has a length other than N, holds an index
     *     out of range, or the weight length is not C
     */
    public static Result ofLogits(Matrix logits, int[] target, Options options) {
        int rows = logits.rows();
        int columns = logits.columns();
        double[] weight = options.weight();
        ClassTargets targets =
                ClassTargets.of(target, rows, columns, weight, options.ignoreIndex());
        boolean[] ignored = targets.ignored();
        double[] sampleWeights = targets.sampleWeights();
        double denominator = targets.denominator();
        ReducedLoss shape = new ReducedLoss(options.reduction(), 0, denominator);
        double gradientScale = shape.gradientScale();
        double smoothing = options.labelSmoothing();
        double smoothingPerClass = smoothing / columns;
        // PyTorch's nll_loss backward multiplies w[t_n] = 0 by -1 / 0, and log_softmax's backward
        // spreads that NaN over the whole row; the smoothing term alone would give +-Infinity.
        boolean meanOverZeroWeight = options.reduction() == Reduction.MEAN && denominator == 0;

        Outputs out = Outputs.allocate(rows, Math.multiplyExact(rows, columns));
        double[] sampleLosses = out.sampleLosses();
        int[] predictedClass = out.predictedClass();
        double[] x = logits.values();
        double[] p = out.probabilities();
        double[] g = out.gradient();
        RowBlocks.run(
                rows,
                columns,
                (from, to) -> {
                    LogSoftmaxRow row = new LogSoftmaxRow(1.0);
                    if (smoothing == 0) {
                        for (int n = from; n < to; n++) {
                            predictedClass[n] =
                                    indexRow(
                                            row,
                                            x,
                                            n,
                                            columns,
                                            ignored[n] ? -1 : target[n],
                                            sampleWeights[n],
                                            gradientScale,
                                            p,
                                            g,
                                            sampleLosses);
                            if (meanOverZeroWeight && !ignored[n]) {
                                Arrays.fill(g, n * columns, (n + 1) * columns, Double.NaN);
                            }
                        }
                        return;
                    }
                    for (int n = from; n < to; n++) {
                        int offset = n * columns;
                        // The gradient row holds the log-probabilities until it gets its values.
                        row.load(x, offset, columns, p, g);
                        row.write(x, offset, columns, p, g);
                        predictedClass[n] = row.argmax();
                        if (ignored[n]) {
                            Arrays.fill(g, offset, offset + columns, 0.0);
                            continue;
                        }
                        int t = target[n];
                        double targetWeight = sampleWeights[n];
                        double nll = -targetWeight * g[offset + t];
                        // PyTorch: (1 - e) * nll + (e / C) * smooth, smooth = -sum_c w_c * lp_c
                        double smooth = 0;
                        double smoothWeight = 0;
                        for (int c = 0; c < columns; c++) {
                            double w = weight == null ? 1.0 : weight[c];
                            smooth -= w * g[offset + c];
                            smoothWeight += w;
                        }
                        sampleLosses[n] = (1 - smoothing) * nll + smoothingPerClass * smooth;
                        // a_c = (1-e) w_t [c=t] + (e/C) w_c, A = (1-e) w_t + (e/C) sum_c w_c
                        double total =
                                (1 - smoothing) * targetWeight + smoothingPerClass * smoothWeight;
                        for (int c = 0; c < columns; c++) {
                            double w = weight == null ? 1.0 : weight[c];
                            double a =
                                    smoothingPerClass * w
                                            + (c == t ? (1 - smoothing) * targetWeight : 0);
                            g[offset + c] = (p[offset + c] * total - a) * gradientScale;
                        }
                        if (meanOverZeroWeight) {
                            Arrays.fill(g, offset, offset + columns, Double.NaN);
                        }
                    }
                });
        return new Result(
                new ReducedLoss(options.reduction(), targets.lossSum(sampleLosses), denominator),
                sampleLosses,
                sampleWeights,
                ignored,
                new Matrix(rows, columns, p),
                predictedClass,
                new Matrix(rows, columns, g));
    }

    /**
     * Cross-entropy against target probabilities ("soft labels"). {@code options.ignoreIndex()} is
     * not used.
     *
     * @param logits N x C unnormalised scores
     * @param targetProbabilities N x C, each value in {@code [0, 1]}; rows need not sum to 1, as in
     *     PyTorch
     * @throws IllegalArgumentException if the shapes differ or the weight length is not C
     */
    public static Result ofLogits(Matrix logits, Matrix targetProbabilities, Options options) {
        int rows = logits.rows();
        int columns = logits.columns();
        ArgumentChecks.requireSameShape(
                targetProbabilities, "targetProbabilities", logits, "logits");
        double[] weight = options.weight();
        ArgumentChecks.requireOnePerClass(weight, "weight", columns);
        double smoothing = options.labelSmoothing();
        double smoothingPerClass = smoothing / columns;
        ReducedLoss shape = new ReducedLoss(options.reduction(), 0, rows);
        double gradientScale = shape.gradientScale();

        Outputs out = Outputs.allocate(rows, Math.multiplyExact(rows, columns));
        double[] sampleWeights = new double[rows];
        Arrays.fill(sampleWeights, 1.0);
        double[] x = logits.values();
        double[] q = targetProbabilities.values();
        double[] p = out.probabilities();
        double[] g = out.gradient();
        double[] sampleLosses = out.sampleLosses();
        int[] predictedClass = out.predictedClass();
        RowBlocks.run(
                rows,
                columns,
                (from, to) -> {
                    LogSoftmaxRow row = new LogSoftmaxRow(1.0);
                    double[] coefficients = new double[columns];
                    for (int n = from; n < to; n++) {
                        int offset = n * columns;
                        // The gradient row holds the log-probabilities until it gets its values.
                        row.load(x, offset, columns, p, g);
                        row.write(x, offset, columns, p, g);
                        predictedClass[n] = row.argmax();
                        double loss = 0;
                        double total = 0;
                        for (int c = 0; c < columns; c++) {
                            double smoothed =
                                    smoothing == 0
                                            ? q[offset + c]
                                            : q[offset + c] * (1 - smoothing) + smoothingPerClass;
                            double a = weight == null ? smoothed : weight[c] * smoothed;
                            coefficients[c] = a;
                            total += a;
                            loss -= g[offset + c] * a;
                        }
                        for (int c = 0; c < columns; c++) {
                            g[offset + c] =
                                    (p[offset + c] * total - coefficients[c]) * gradientScale;
                        }
                        sampleLosses[n] = loss;
                    }
                });
        double lossSum = 0;
        for (int n = 0; n < rows; n++) {
            lossSum += sampleLosses[n];
        }
        return new Result(
                new ReducedLoss(options.reduction(), lossSum, rows),
                sampleLosses,
                sampleWeights,
                new boolean[rows],
                new Matrix(rows, columns, p),
                predictedClass,
                new Matrix(rows, columns, g));
    }

    /**
     * The result of one evaluation over positions ({@link ClassShape}): as {@link Result}, with
     * every per-position array indexed by the position's row-major number {@code n * S + s}, and
     * the probabilities and the gradient laid out as the input.
     *
     * @param gradient {@code d loss / d logits} times the upstream gradient
     */
    public record Positions(
            ReducedLoss loss,
            double[] sampleLosses,
            double[] sampleWeights,
            boolean[] ignored,
            double[] probabilities,
            int[] predictedClass,
            double[] gradient) {}

    /**
     * Cross-entropy against class indices over an input of any rank with its classes in dimension
     * 1, as {@code F.cross_entropy} takes {@code N x C x d1 ... dk} (and {@code N x C}, and {@code
     * C} as {@code 1 x C}). {@code MEAN} divides by the total target weight over all positions.
     *
     * @param logits the input, row-major, {@code shape.elements()} values
     * @param target the class index of each position, {@code shape.positions()} of them
     * @param upstream the gradient flowing into the returned loss: null for 1, one number for
     *     {@code MEAN} and {@code SUM}, one per position for {@code NONE}
     * @throws IllegalArgumentException if a length does not fit the shape or an index is out of
     *     range
     */
    public static Positions ofLogits(
            double[] logits, ClassShape shape, int[] target, Options options, double[] upstream) {
        ArgumentChecks.requireOnePerRow(logits.length, "logits", shape.elements());
        Reduction reduction = options.reduction();
        if (shape.batch() == 0) {
            ArgumentChecks.requireOnePerRow(target.length, "target", 0);
            return empty(reduction, 0);
        }
        if (shape.inner() == 1) {
            Result result =
                    ofLogits(new Matrix(shape.batch(), shape.classes(), logits), target, options);
            return positions(result, shape, reduction, upstream);
        }
        ClassTargets targets =
                ClassTargets.of(
                        target,
                        shape.positions(),
                        shape.classes(),
                        options.weight(),
                        options.ignoreIndex());
        double denominator = targets.denominator();
        double gradientScale = new ReducedLoss(reduction, 0, denominator).gradientScale();
        double smoothing = options.labelSmoothing();
        Outputs out = Outputs.allocate(shape.positions(), shape.elements());
        RowBlocks.run(
                shape.batch(),
                shape.classes() * shape.inner(),
                (from, to) -> {
                    ClassStridedKernel kernel =
                            new ClassStridedKernel(logits, shape, gradientScale, out);
                    if (smoothing == 0) {
                        kernel.indices(from, to, target, targets);
                    } else {
                        kernel.smoothedIndices(
                                from, to, target, targets, options.weight(), smoothing);
                    }
                });
        double[] g = out.gradient();
        if (reduction == Reduction.MEAN && denominator == 0) {
            // As the row kernel: PyTorch's gradient is NaN wherever a position is not ignored.
            for (int position = 0; position < shape.positions(); position++) {
                if (!targets.ignored()[position]) {
                    for (int c = 0; c < shape.classes(); c++) {
                        g[shape.index(position, c)] = Double.NaN;
                    }
                }
            }
        }
        Upstream.apply(g, shape, reduction, upstream);
        return new Positions(
                new ReducedLoss(reduction, targets.lossSum(out.sampleLosses()), denominator),
                out.sampleLosses(),
                targets.sampleWeights(),
                targets.ignored(),
                out.probabilities(),
                out.predictedClass(),
                g);
    }

    /**
     * The loss alone against class indices, for an answer that leaves out the samples and the
     * gradient: {@code ofLogits(logits, shape, target, options, null).loss()}, bit for bit (the
     * same row kernel on the same numbers), without the probabilities and the gradient, which are
     * two more arrays of the input's size to allocate and write. An {@code N x C} input without
     * label smoothing takes this path; others (rarely large) are computed in full.
     *
     * @see #ofLogits(double[], ClassShape, int[], Options, double[])
     */
    public static ReducedLoss lossOfLogits(
            double[] logits, ClassShape shape, int[] target, Options options) {
        if (shape.batch() == 0 || shape.inner() != 1 || options.labelSmoothing() != 0) {
            return ofLogits(logits, shape, target, options, null).loss();
        }
        ArgumentChecks.requireOnePerRow(logits.length, "logits", shape.elements());
        int rows = shape.batch();
        int columns = shape.classes();
        ClassTargets targets =
                ClassTargets.of(target, rows, columns, options.weight(), options.ignoreIndex());
        boolean[] ignored = targets.ignored();
        double[] sampleWeights = targets.sampleWeights();
        double[] sampleLosses = new double[rows];
        RowBlocks.run(
                rows,
                columns,
                (from, to) -> {
                    LogSoftmaxRow row = new LogSoftmaxRow(1.0);
                    // One row at a time, copied to the start of row-sized arrays, which the
                    // kernel indexes as it indexes the row: they stay in the L1 cache.
                    double[] values = new double[columns];
                    double[] exponentials = new double[columns];
                    double[] scratch = new double[columns];
                    for (int n = from; n < to; n++) {
                        if (!ignored[n]) {
                            System.arraycopy(logits, n * columns, values, 0, columns);
                            row.load(values, 0, columns, exponentials, scratch);
                            sampleLosses[n] =
                                    -sampleWeights[n] * row.logProbability(values[target[n]]);
                        }
                    }
                });
        return new ReducedLoss(
                options.reduction(), targets.lossSum(sampleLosses), targets.denominator());
    }

    /**
     * Cross-entropy against target probabilities over an input of any rank with its classes in
     * dimension 1; the targets have the input's shape. {@code MEAN} divides by the number of
     * positions ({@code N x d1 x ... x dk}), as PyTorch.
     *
     * @see #ofLogits(double[], ClassShape, int[], Options, double[])
     */
    public static Positions ofLogits(
            double[] logits,
            ClassShape shape,
            double[] targetProbabilities,
            Options options,
            double[] upstream) {
        ArgumentChecks.requireOnePerRow(logits.length, "logits", shape.elements());
        ArgumentChecks.requireOnePerRow(
                targetProbabilities.length, "targetProbabilities", shape.elements());
        Reduction reduction = options.reduction();
        if (shape.batch() == 0) {
            return empty(reduction, 0);
        }
        if (shape.inner() == 1) {
            Result result =
                    ofLogits(
                            new Matrix(shape.batch(), shape.classes(), logits),
                            new Matrix(shape.batch(), shape.classes(), targetProbabilities),
                            options);
            return positions(result, shape, reduction, upstream);
        }
        double[] weight = options.weight();
        ArgumentChecks.requireOnePerClass(weight, "weight", shape.classes());
        int positions = shape.positions();
        double gradientScale = new ReducedLoss(reduction, 0, positions).gradientScale();
        Outputs out = Outputs.allocate(positions, shape.elements());
        RowBlocks.run(
                shape.batch(),
                shape.classes() * shape.inner(),
                (from, to) ->
                        new ClassStridedKernel(logits, shape, gradientScale, out)
                                .probabilities(
                                        from,
                                        to,
                                        targetProbabilities,
                                        weight,
                                        options.labelSmoothing()));
        double lossSum = 0;
        for (double loss : out.sampleLosses()) {
            lossSum += loss;
        }
        double[] sampleWeights = new double[positions];
        Arrays.fill(sampleWeights, 1.0);
        Upstream.apply(out.gradient(), shape, reduction, upstream);
        return new Positions(
                new ReducedLoss(reduction, lossSum, positions),
                out.sampleLosses(),
                sampleWeights,
                new boolean[positions],
                out.probabilities(),
                out.predictedClass(),
                out.gradient());
    }

    /** A batch of 0: loss sum 0 over a denominator of 0 (PyTorch's mean is NaN, its sum 0). */
    private static Positions empty(Reduction reduction, double denominator) {
        return new Positions(
                new ReducedLoss(reduction, 0, denominator),
                new double[0],
                new double[0],
                new boolean[0],
                new double[0],
                new int[0],
                new double[0]);
    }

    /** A row-kernel result as positions: the same arrays, the upstream gradient applied. */
    private static Positions positions(
            Result result, ClassShape shape, Reduction reduction, double[] upstream) {
        double[] g = result.gradient().values();
        Upstream.apply(g, shape, reduction, upstream);
        return new Positions(
                result.loss(),
                result.sampleLosses(),
                result.sampleWeights(),
                result.ignored(),
                result.probabilities().values(),
                result.predictedClass(),
                g);
    }

    /**
     * Softmax, loss and gradient of one row against class {@code t} without label smoothing, in two
     * passes over the row (the exponentials, then probabilities and gradient together, with no
     * log-probability written); {@code t = -1} (an ignored sample) writes the probabilities only.
     * Returns the row's argmax.
     */
    private static int indexRow(
            LogSoftmaxRow row,
            double[] x,
            int n,
            int columns,
            int t,
            double targetWeight,
            double gradientScale,
            double[] p,
            double[] g,
            double[] sampleLosses) {
        int offset = n * columns;
        int end = offset + columns;
        // The gradient row is the scratch space of the exponentials until it gets its values.
        row.load(x, offset, columns, p, g);
        if (t < 0) {
            for (int i = offset; i < end; i++) {
                p[i] = row.probability(p[i]);
                g[i] = 0;
            }
            return row.argmax();
        }
        sampleLosses[n] = -targetWeight * row.logProbability(x[offset + t]);
        for (int i = offset; i < end; i++) {
            double probability = row.probability(p[i]);
            p[i] = probability;
            g[i] = probability * targetWeight * gradientScale;
        }
        g[offset + t] = (p[offset + t] - 1) * targetWeight * gradientScale;
        return row.argmax();
    }

    /**
     * What a cross-entropy kernel fills, row or class-strided: the probabilities and the gradient
     * (laid out as the input, allocated in parallel, as large arrays are zeroed on one thread
     * otherwise), each sample's loss and argmax.
     */
    record Outputs(
            double[] probabilities,
            double[] gradient,
            double[] sampleLosses,
            int[] predictedClass) {

        static Outputs allocate(int samples, int elements) {
            double[][] arrays = RowBlocks.newArrays(2, elements);
            return new Outputs(arrays[0], arrays[1], new double[samples], new int[samples]);
        }
    }
}
