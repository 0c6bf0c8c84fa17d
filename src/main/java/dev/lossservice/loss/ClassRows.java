package dev.lossservice.loss;

import dev.lossservice.core.ClassShape;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.core.Reduction;
import dev.lossservice.explain.Step;
import dev.lossservice.explain.Steps;
import dev.lossservice.tensor.Tensor;
import java.util.List;

/**
 * Explain mode's view of a cross-entropy or NLL input as rows, one per position with its C classes
 * along axis 1, which is how the tutorial's steps read it. An {@code N x C} input is its own rows.
 * Any other input gets steps that make the rows with NumPy ({@code np.moveaxis} to put the classes
 * last, then {@code reshape}) and, at the end, a step that puts the gradient rows back into the
 * input's shape. Rows are in the order of the positions, which is the order of the answer's
 * samples.
 */
public final class ClassRows {

    /** The name of the gradient step before an upstream gradient multiplies it. */
    public static final String LOCAL_GRADIENT = "localGradient";

    /**
     * The NumPy names the row steps read.
     *
     * @param input the input rows ({@code logits} or {@code logProbabilities} for {@code N x C})
     * @param target the class-index target rows, one index per row
     * @param probabilityTarget the probability-target rows
     */
    public record Names(String input, String target, String probabilityTarget) {}

    private final ClassInput input;
    private final String field;
    private final boolean reshaped;

    /**
     * @param input the input's shape, not an empty batch
     * @param field the input's field: {@code logits} or {@code logProbabilities}
     */
    public ClassRows(ClassInput input, String field) {
        this.input = input;
        this.field = field;
        this.reshaped = !input.isMatrix();
    }

    public int rowCount() {
        return input.classShape().positions();
    }

    public int columns() {
        return input.classShape().classes();
    }

    /** The names of the rows: the fields themselves for an {@code N x C} input. */
    public Names names() {
        return reshaped
                ? new Names(rowName(field), "targetRows", "targetProbabilityRows")
                : new Names(field, "target", "targetProbabilities");
    }

    /** The name of the gradient rows' step: the answer's gradient itself for {@code N x C}. */
    public String gradientRowsName() {
        return reshaped ? "gradientRows" : "gradient";
    }

    /** A tensor of the input's shape (classes in dimension 1) as rows of C values. */
    public double[] rowsOf(double[] values) {
        if (!reshaped) {
            return values;
        }
        ClassShape shape = input.classShape();
        int columns = shape.classes();
        double[] rows = new double[values.length];
        for (int p = 0; p < shape.positions(); p++) {
            for (int c = 0; c < columns; c++) {
                rows[p * columns + c] = values[shape.index(p, c)];
            }
        }
        return rows;
    }

    /** Adds the step that views the input as rows; returns the rows. */
    public double[] addInputRows(Steps steps, double[] values) {
        return addRows(steps, field, rowsOf(values));
    }

    /**
     * Adds the step that views a probability target (of the input's shape) as rows.
     *
     * @param rows the target already as rows ({@link #rowsOf})
     * @return the rows
     */
    public double[] addProbabilityRows(Steps steps, String targetField, double[] rows) {
        return addRows(steps, targetField, rows);
    }

    /** Adds the step that flattens class-index targets to one per row; returns them. */
    public int[] addTargetRows(Steps steps, int[] target) {
        if (reshaped) {
            double[] values = new double[target.length];
            for (int i = 0; i < target.length; i++) {
                values[i] = target[i];
            }
            steps.add(
                    "targetRows",
                    "t, one class index per position",
                    "np.reshape(target, -1)",
                    Tensor.vector(values));
        }
        return target;
    }

    private double[] addRows(Steps steps, String name, double[] rows) {
        if (reshaped) {
            String numpy =
                    input.unbatched()
                            ? name + ".reshape(1, -1)"
                            : "np.moveaxis("
                                    + name
                                    + ", 1, -1).reshape(-1, "
                                    + field
                                    + ".shape[1])";
            steps.add(
                    rowName(name),
                    input.unbatched()
                            ? name + " as one row"
                            : name + " with the classes last, one row per position",
                    numpy,
                    new Tensor(rows, new int[] {rowCount(), columns()}));
        }
        return rows;
    }

    /**
     * After the gradient rows' step: multiplies them by the upstream gradient, if any, and puts
     * them back into the input's shape, if they were reshaped. The last step is named {@code
     * gradient} and holds the answer's gradient.
     *
     * @param upstream the request's upstream gradient, or null; then the rows' step was {@link
     *     #gradientRowsName()}, otherwise {@link #LOCAL_GRADIENT}
     * @param gradient the answer's gradient, in the input's shape
     */
    public void addUpstreamAndShapeSteps(
            Steps steps, Tensor upstream, Reduction reduction, double[] gradient) {
        if (upstream != null) {
            String numpy;
            String formula;
            if (reduction == Reduction.NONE) {
                String perRow = "upstreamGradient";
                if (reshaped) {
                    steps.add(
                            "upstreamRows",
                            "u, one value per position",
                            "np.reshape(upstreamGradient, -1)",
                            Tensor.vector(upstream.values()));
                    perRow = "upstreamRows";
                }
                numpy = LOCAL_GRADIENT + " * " + perRow + "[:, None]";
                formula = "localGradient_nc u_n";
            } else {
                numpy = LOCAL_GRADIENT + " * upstreamGradient";
                formula = "localGradient_nc u";
            }
            steps.add(
                    gradientRowsName(),
                    formula,
                    numpy,
                    new Tensor(rowsOf(gradient), new int[] {rowCount(), columns()}));
        }
        if (reshaped) {
            String numpy =
                    input.unbatched()
                            ? "gradientRows.reshape(" + field + ".shape)"
                            : "np.moveaxis(gradientRows.reshape(np.moveaxis("
                                    + field
                                    + ", 1, -1).shape), -1, 1)";
            steps.add(
                    "gradient",
                    "gradientRows in the shape of " + field,
                    numpy,
                    new Tensor(gradient, input.shape()));
        }
    }

    /**
     * An endpoint's steps over the rows: its input and target rows, then the tutorial's computation
     * ending with the gradient rows' step.
     */
    @FunctionalInterface
    public interface RowSteps {

        /**
         * @param gradientRows the answer's gradient as rows, or null for the steps to compute them
         *     (when the answer's gradient holds an upstream gradient besides)
         * @param gradientName the name of the gradient rows' step
         * @return false where PyTorch's gradient is NaN, so that there is no gradient step
         */
        boolean add(Steps steps, ClassRows rows, double[] gradientRows, String gradientName);
    }

    /**
     * The steps of a cross-entropy or NLL answer: those of a batch of 0 samples, or the endpoint's
     * {@code rowSteps} between viewing the input as rows and putting the gradient back into its
     * shape (times the upstream gradient, if any).
     *
     * @param field the input's field: {@code logits} or {@code logProbabilities}
     * @param gradient the answer's gradient, in the input's shape
     */
    public static List<Step> explain(
            ClassInput input,
            String field,
            Tensor upstream,
            ReducedLoss loss,
            double[] gradient,
            RowSteps rowSteps) {
        Steps steps = new Steps();
        if (input.empty()) {
            addEmptyBatchSteps(steps, field, input.shape(), loss, gradient);
            return steps.list();
        }
        ClassRows rows = new ClassRows(input, field);
        boolean defined =
                rowSteps.add(
                        steps,
                        rows,
                        upstream == null ? rows.rowsOf(gradient) : null,
                        upstream == null ? rows.gradientRowsName() : LOCAL_GRADIENT);
        if (defined) {
            rows.addUpstreamAndShapeSteps(steps, upstream, loss.reduction(), gradient);
        }
        return steps.list();
    }

    /**
     * The steps of a batch of 0 samples: sums over nothing, and an empty gradient.
     *
     * @param shape the input's shape: {@code [0]}, or {@code [0, C, ...]} as a {@code .npy} part
     *     keeps it
     * @param gradient the answer's gradient (no values)
     */
    private static void addEmptyBatchSteps(
            Steps steps, String field, int[] shape, ReducedLoss loss, double[] gradient) {
        steps.add("lossSum", "a sum over no sample", "0.0", loss.lossSum());
        steps.add("denominator", "a sum over no sample", "0.0", loss.denominator());
        if (loss.isDefined()) {
            steps.add("loss", "lossSum", "lossSum", loss.value());
        }
        steps.add(
                "gradient",
                "no sample, no value",
                "np.zeros_like(" + field + ")",
                new Tensor(gradient, shape));
    }

    /** {@code logits} to {@code logitRows}, {@code logProbabilities} to {@code ...Rows}. */
    private static String rowName(String field) {
        return switch (field) {
            case "logits" -> "logitRows";
            case "logProbabilities" -> "logProbabilityRows";
            case "targetProbabilities" -> "targetProbabilityRows";
            default -> field + "Rows";
        };
    }
}
