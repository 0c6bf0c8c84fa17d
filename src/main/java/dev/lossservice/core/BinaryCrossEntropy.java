package dev.lossservice.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * Binary cross-entropy, element by element, on probabilities ({@code torch.nn.BCELoss}) or on
 * logits ({@code torch.nn.BCEWithLogitsLoss}), with its gradient in the same pass.
 *
 * <p>The input is N x C (a 1-D batch is N x 1). {@code weight} and {@code posWeight} are each null
 * (all 1), a C-vector broadcast over rows, or one value per element (length N*C). The entry points
 * that take a shape accept a tensor of any rank, with {@code weight} and {@code posWeight} of any
 * shape that broadcasts to it ({@link Options#broadcast}); they view it as a matrix whose columns
 * are its last dimension.
 *
 * <p>Targets of any finite value and weights of any sign are accepted, as in PyTorch, which checks
 * neither; only probabilities must lie in {@code [0, 1]}.
 *
 * <p>On probabilities {@code x}, with each logarithm clamped at -100 as PyTorch does, so that
 * {@code x = 0} and {@code x = 1} give finite losses:
 *
 * <pre>
 *   l        = w * ((y - 1) * max(log(1 - x), -100) - y * max(log(x), -100))
 *   gradient = w * (x - y) / max(x * (1 - x), (float) 1e-12)
 * </pre>
 *
 * On logits {@code x}, with {@code p_c = posWeight_c} and {@code L = 1 + (p_c - 1) * y}, in the
 * stable form that never takes {@code exp} of a positive number:
 *
 * <pre>
 *   l        = w * ((1 - y) * x + L * (log(1 + exp(-|x|)) + max(-x, 0)))
 *   gradient = w * (L * sigmoid(x) - p_c * y)          (= w * (sigmoid(x) - y) without posWeight)
 * </pre>
 *
 * {@code MEAN} divides by the number of elements N*C, and so does the gradient.
 */
public final class BinaryCrossEntropy {

    /** PyTorch's lower clamp of each logarithm in {@code BCELoss}. */
    static final double LOG_CLAMP = -100;

    /**
     * PyTorch's floor of {@code x(1 - x)} in the {@code BCELoss} gradient: {@code constexpr float
     * EPSILON = 1e-12} in ATen's Loss.cpp, a float, so the double it is widened to is
     * 9.999999960041972e-13, not 1e-12. With the double 1e-12 the gradient at a clamped input (for
     * example x = 0, y = 1) was 4e-9 relative off PyTorch's -1000000003995.8029.
     */
    static final double GRADIENT_EPSILON = (float) 1e-12;

    /** Elements per pass of {@link Exponential}: its two passes then share the L1 cache. */
    private static final int CHUNK_ELEMENTS = 1024;

    private BinaryCrossEntropy() {}

    /**
     * The options of {@code torch.nn.BCELoss} and {@code torch.nn.BCEWithLogitsLoss}.
     *
     * @param weight null (all 1), length C, or length N*C; each finite, of any sign
     * @param posWeight null (all 1), length C, or length N*C; each finite, of any sign; logits
     *     only, as {@code pos_weight} exists only in {@code BCEWithLogitsLoss}
     * @param reduction how the element losses are combined
     */
    public record Options(double[] weight, double[] posWeight, Reduction reduction) {

        /** PyTorch's defaults: no weights, no posWeight, mean. */
        public static Options defaults() {
            return new Options(null, null, Reduction.MEAN);
        }

        /**
         * @throws IllegalArgumentException if a weight or posWeight is not finite
         * @throws NullPointerException if {@code reduction} is null
         */
        public Options {
            Objects.requireNonNull(reduction, "reduction");
            ArgumentChecks.requireFinite(weight, "weight");
            ArgumentChecks.requireFinite(posWeight, "posWeight");
        }

        /**
         * The options for an input of {@code inputShape}, with {@code weight} and {@code posWeight}
         * of any shape that broadcasts to it, in the form the kernels read: a factor that varies
         * along the last dimension only (or not at all) stays one value per column, any other is
         * expanded to one value per element.
         *
         * @param weight null, or the values of a tensor of {@code weightShape}
         * @param posWeight null, or the values of a tensor of {@code posWeightShape}
         * @throws IllegalArgumentException if a factor does not broadcast to {@code inputShape}
         */
        public static Options broadcast(
                double[] weight,
                int[] weightShape,
                double[] posWeight,
                int[] posWeightShape,
                Reduction reduction,
                int[] inputShape) {
            return new Options(
                    compact(weight, weightShape, inputShape, "weight"),
                    compact(posWeight, posWeightShape, inputShape, "posWeight"),
                    reduction);
        }

        private static double[] compact(
                double[] values, int[] shape, int[] inputShape, String name) {
            if (values == null) {
                return null;
            }
            double[] full = null;
            if (!Shapes.broadcastsTo(shape, inputShape)) {
                // Throws with the message that names the factor and both shapes.
                full = Shapes.broadcast(values, shape, inputShape, name);
            }
            int size = Shapes.size(inputShape);
            if (size == 0) {
                return new double[0];
            }
            int columns = columns(inputShape);
            if (values.length == 1) {
                double[] perColumn = new double[columns];
                Arrays.fill(perColumn, values[0]);
                return perColumn;
            }
            if (inputShape.length >= 2 && Shapes.alongLastOnly(shape, inputShape)) {
                return values;
            }
            return full != null ? full : Shapes.broadcast(values, shape, inputShape, name);
        }
    }

    /**
     * The result of one evaluation.
     *
     * <p>For a tensor with no element, which the entry points with a shape take, the three matrices
     * are null (a {@link Matrix} has at least one element) and {@code sampleLosses} holds a 0 for
     * each index of dimension 0.
     *
     * @param loss the reduced loss with its sum and denominator (the element count)
     * @param elementLosses PyTorch's {@code reduction='none'} values, N x C
     * @param sampleLosses the sum of each row of {@code elementLosses}; of each sample's elements
     *     for the entry points with a shape
     * @param sigmoid {@code sigmoid(logits)} in logits mode, null on probabilities
     * @param gradient {@code d loss / d input}, N x C
     */
    public record Result(
            ReducedLoss loss,
            Matrix elementLosses,
            double[] sampleLosses,
            Matrix sigmoid,
            Matrix gradient) {}

    /**
     * {@code BCELoss} on a tensor of probabilities of any rank, {@code shape} giving its sizes. The
     * result views the tensor as a matrix whose columns are its last dimension (one column for rank
     * 0 and 1), and {@code sampleLosses} has one entry per index of dimension 0 (one for rank 0):
     * the sum of that sub-tensor's element losses.
     *
     * @param probabilities row-major, each in {@code [0, 1]}
     * @param target row-major, the same size
     * @param options for example from {@link Options#broadcast}
     * @throws IllegalArgumentException as {@link #ofProbabilities(Matrix, Matrix, Options)}
     */
    public static Result ofProbabilities(
            double[] probabilities, double[] target, int[] shape, Options options) {
        return ofTensor(probabilities, target, shape, options, false);
    }

    /**
     * {@code BCEWithLogitsLoss} on a tensor of logits of any rank, as {@link
     * #ofProbabilities(double[], double[], int[], Options)} views it.
     *
     * @throws IllegalArgumentException as {@link #ofLogits(Matrix, Matrix, Options)}
     */
    public static Result ofLogits(double[] logits, double[] target, int[] shape, Options options) {
        return ofTensor(logits, target, shape, options, true);
    }

    private static Result ofTensor(
            double[] input, double[] target, int[] shape, Options options, boolean logits) {
        int size = Shapes.size(shape);
        ArgumentChecks.requireElements(input.length, 1, size);
        ArgumentChecks.requireElements(target.length, 1, size);
        int samples = shape.length == 0 ? 1 : shape[0];
        int columns = columns(shape);
        if (size == 0) {
            if (!logits) {
                ArgumentChecks.requireAbsent(options.posWeight(), "posWeight", "logits");
            }
            // PyTorch: the sum over no element is 0, the mean NaN (0 / 0).
            return new Result(
                    new ReducedLoss(options.reduction(), 0, 0),
                    null,
                    new double[samples],
                    null,
                    null);
        }
        Matrix x = new Matrix(size / columns, columns, input);
        Matrix y = new Matrix(size / columns, columns, target);
        Result result = logits ? ofLogits(x, y, options) : ofProbabilities(x, y, options);
        if (shape.length <= 2) {
            return result;
        }
        // Rank 3 and above: one sample is several matrix rows.
        double[] rowLosses = result.sampleLosses();
        int rowsPerSample = rowLosses.length / samples;
        double[] sampleLosses = new double[samples];
        for (int n = 0; n < samples; n++) {
            double sum = 0;
            for (int r = n * rowsPerSample; r < (n + 1) * rowsPerSample; r++) {
                sum += rowLosses[r];
            }
            sampleLosses[n] = sum;
        }
        return new Result(
                result.loss(),
                result.elementLosses(),
                sampleLosses,
                result.sigmoid(),
                result.gradient());
    }

    /**
     * The vector-Jacobian product of a result's loss: its {@code gradient} times {@code upstream},
     * what {@code loss.backward(upstream)} puts in {@code input.grad}. For {@code NONE}, {@code
     * upstream} has one value per element (the shape of the element losses); for {@code MEAN} and
     * {@code SUM}, it is one number. The result's arrays are not changed.
     *
     * @throws IllegalArgumentException if {@code upstream} has the wrong length or a value that is
     *     not finite
     */
    public static Matrix vectorJacobianProduct(Result result, double[] upstream) {
        if (result.gradient() == null) {
            return null;
        }
        double[] g = result.gradient().values();
        boolean perElement = result.loss().reduction() == Reduction.NONE;
        ArgumentChecks.requireElements(upstream.length, 1, perElement ? g.length : 1);
        ArgumentChecks.requireFinite(upstream, "upstreamGradient");
        double[] product = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            product[i] = g[i] * upstream[perElement ? i : 0];
        }
        Matrix gradient = result.gradient();
        return new Matrix(gradient.rows(), gradient.columns(), product);
    }

    /**
     * The columns of the matrix view of a tensor of {@code shape}: its last dimension from rank 2,
     * else 1.
     */
    static int columns(int[] shape) {
        return shape.length >= 2 ? shape[shape.length - 1] : 1;
    }

    /**
     * {@code BCELoss} on probabilities.
     *
     * @param probabilities N x C, each in {@code [0, 1]}
     * @param target same shape, any finite values (PyTorch does not check them)
     * @param options with no {@code posWeight}
     * @throws IllegalArgumentException if a shape or length does not fit, a value is out of range,
     *     or {@code options} has a {@code posWeight}
     */
    public static Result ofProbabilities(Matrix probabilities, Matrix target, Options options) {
        double[] weight = options.weight();
        Reduction reduction = options.reduction();
        checkShapes(probabilities, target, weight, "weight");
        ArgumentChecks.requireAbsent(options.posWeight(), "posWeight", "logits");
        double[] x = probabilities.values();
        double[] y = target.values();
        for (int i = 0; i < x.length; i++) {
            ArgumentChecks.requireUnitInterval(x[i], "probabilities", i);
            ArgumentChecks.requireFinite(y[i], "target", i);
        }
        int columns = probabilities.columns();
        double scale = new ReducedLoss(reduction, 0, x.length).gradientScale();
        Outputs out = Outputs.allocate(probabilities, false);
        double[] l = out.elementLosses().values();
        double[] g = out.gradient().values();
        double[] sampleLosses = out.sampleLosses();
        for (int n = 0; n < probabilities.rows(); n++) {
            double rowSum = 0;
            for (int c = 0; c < columns; c++) {
                int i = n * columns + c;
                double w = factor(weight, i, c, columns);
                double logX = Math.max(Math.log(x[i]), LOG_CLAMP);
                // log(1 - x), not log1p(-x): PyTorch's formula, so that tiny losses agree too.
                double logOneMinusX = Math.max(Math.log(1 - x[i]), LOG_CLAMP);
                double loss = w * ((y[i] - 1) * logOneMinusX - y[i] * logX);
                l[i] = loss;
                rowSum += loss;
                g[i] = w * (x[i] - y[i]) / Math.max((1 - x[i]) * x[i], GRADIENT_EPSILON) * scale;
            }
            sampleLosses[n] = rowSum;
        }
        return out.result(reduction);
    }

    /**
     * {@code BCEWithLogitsLoss} on logits.
     *
     * @param logits N x C, any finite values
     * @param target same shape; PyTorch accepts any value here, and so does this method
     * @throws IllegalArgumentException if a shape or length does not fit
     */
    public static Result ofLogits(Matrix logits, Matrix target, Options options) {
        double[] weight = options.weight();
        double[] posWeight = options.posWeight();
        Reduction reduction = options.reduction();
        checkShapes(logits, target, weight, "weight");
        checkShapes(logits, target, posWeight, "posWeight");
        double[] x = logits.values();
        double[] y = target.values();
        int rows = logits.rows();
        int columns = logits.columns();
        double scale = new ReducedLoss(reduction, 0, x.length).gradientScale();
        Outputs out = Outputs.allocate(logits, true);
        double[] l = out.elementLosses().values();
        double[] s = out.sigmoid().values();
        double[] g = out.gradient().values();
        double[] sampleLosses = out.sampleLosses();
        RowBlocks.run(
                rows,
                columns,
                (from, to) -> {
                    // A cache-sized chunk of rows at a time, so that the two passes over the
                    // exponentials and the pass over the losses share the L1 cache.
                    int chunkRows = Math.max(1, CHUNK_ELEMENTS / columns);
                    for (int first = from; first < to; first += chunkRows) {
                        int last = Math.min(to, first + chunkRows);
                        logitsRows(first, last, columns, x, y, weight, posWeight, scale, s, l, g);
                        for (int n = first; n < last; n++) {
                            double rowSum = 0;
                            for (int i = n * columns; i < (n + 1) * columns; i++) {
                                rowSum += l[i];
                            }
                            sampleLosses[n] = rowSum;
                        }
                    }
                });
        return out.result(reduction);
    }

    /** Losses, sigmoids and gradients of the elements of rows {@code [first, last)}. */
    private static void logitsRows(
            int first,
            int last,
            int columns,
            double[] x,
            double[] y,
            double[] weight,
            double[] posWeight,
            double scale,
            double[] s,
            double[] l,
            double[] g) {
        // exp(-|x|) is in (0, 1]: it never overflows, and it gives sigmoid on both sides. It goes
        // to the sigmoid array, with the losses as scratch space.
        int from = first * columns;
        int to = last * columns;
        Exponential.ofMinusAbs(x, from, to - from, s, l);
        if (weight == null && posWeight == null) {
            // The common case, in three loops of arithmetic alone that C2 vectorises (one loop
            // with all of it is too large for C2 to unroll, and so to vectorise, and was five
            // times slower). The same values as the general loop below with w = p = 1.
            for (int i = from; i < to; i++) {
                l[i] = Logarithm.ofOnePlus(s[i]);
            }
            for (int i = from; i < to; i++) {
                double xi = x[i];
                l[i] = ((1 - y[i]) * xi + Math.max(-xi, 0)) + l[i];
            }
            for (int i = from; i < to; i++) {
                double sigmoid = sigmoid(x[i], s[i]);
                s[i] = sigmoid;
                g[i] = (sigmoid - y[i]) * scale;
            }
            return;
        }
        for (int n = first; n < last; n++) {
            for (int c = 0; c < columns; c++) {
                int i = n * columns + c;
                double w = factor(weight, i, c, columns);
                double p = factor(posWeight, i, c, columns);
                double xi = x[i];
                double yi = y[i];
                double e = s[i];
                double max = Math.max(-xi, 0);
                // As PyTorch 1.13 evaluates it: log(exp(-max) + exp(-x - max)) is log(1 + e)
                // rounded (not log1p), and without posWeight (1 - y) * x + max is added first.
                // Near zero loss these roundings are the result: x = -30, y = 0 gives exactly
                // PyTorch's 9.348077867343381e-14 this way, 9.237055564881302e-14 the other.
                double logTerm = Logarithm.ofOnePlus(e);
                double logWeight = 1 + (p - 1) * yi;
                double loss =
                        posWeight == null
                                ? w * (((1 - yi) * xi + max) + logTerm)
                                : w * ((1 - yi) * xi + logWeight * (logTerm + max));
                double sigmoid = sigmoid(xi, e);
                s[i] = sigmoid;
                l[i] = loss;
                g[i] = w * (logWeight * sigmoid - p * yi) * scale;
            }
        }
    }

    /**
     * {@code sigmoid(x)} from {@code e = exp(-|x|)}: {@code 1 / (1 + e)} for {@code x >= 0}, {@code
     * e / (1 + e)} below. The numerator is chosen with {@code floor} and {@code max} rather than a
     * conditional, which C2 would not vectorise: {@code min(1, floor(x) + 1)} is 1 for {@code x >=
     * 0} and at most 0 below, where {@code max} with {@code e >= 0} leaves {@code e}.
     */
    private static double sigmoid(double x, double e) {
        return Math.max(e, Math.min(1.0, Math.floor(x) + 1.0)) / (1 + e);
    }

    /** The factor of one element: 1 when absent, else per class or per element by length. */
    private static double factor(double[] factors, int element, int column, int columns) {
        if (factors == null) {
            return 1.0;
        }
        return factors[factors.length == columns ? column : element];
    }

    /**
     * What the N x C kernels fill: the element losses, the sigmoids (on logits only) and the
     * gradient, allocated in parallel as large arrays are zeroed on one thread otherwise, and each
     * row's loss.
     */
    private record Outputs(
            Matrix elementLosses, Matrix sigmoid, Matrix gradient, double[] sampleLosses) {

        static Outputs allocate(Matrix input, boolean withSigmoid) {
            int rows = input.rows();
            int columns = input.columns();
            double[][] arrays = RowBlocks.newArrays(withSigmoid ? 3 : 2, input.size());
            return new Outputs(
                    new Matrix(rows, columns, arrays[0]),
                    withSigmoid ? new Matrix(rows, columns, arrays[1]) : null,
                    new Matrix(rows, columns, arrays[withSigmoid ? 2 : 1]),
                    new double[rows]);
        }

        /** The result, its loss sum taken over the rows in row order once they are all filled. */
        Result result(Reduction reduction) {
            double lossSum = 0;
            for (double rowSum : sampleLosses) {
                lossSum += rowSum;
            }
            return new Result(
                    new ReducedLoss(reduction, lossSum, elementLosses.size()),
                    elementLosses,
                    sampleLosses,
                    sigmoid,
                    gradient);
        }
    }

    private static void checkShapes(Matrix input, Matrix target, double[] factors, String name) {
        ArgumentChecks.requireSameShape(target, "target", input, "input");
        ArgumentChecks.requirePerClassOrPerElement(factors, name, input.columns(), input.size());
    }
}
