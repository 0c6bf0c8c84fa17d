package dev.lossservice.bce;

import dev.lossservice.core.BinaryCrossEntropy;
import dev.lossservice.core.Matrix;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.core.Reduction;
import dev.lossservice.core.Shapes;
import dev.lossservice.explain.Step;
import dev.lossservice.explain.Steps;
import dev.lossservice.loss.LossSteps;
import dev.lossservice.tensor.Tensor;
import java.util.List;

/**
 * The steps of a BCE answer ({@code ?explain=true}). On probabilities: the two logarithms clamped
 * at -100 as PyTorch clamps them, the element losses, the reduction, and the gradient with
 * PyTorch's floor of {@code x(1 - x)} at {@code float32(1e-12)}. On logits: the sigmoid, the
 * element losses in the stable form that never exponentiates a positive number (with {@code
 * posWeight} as PyTorch's {@code 1 + (p - 1) y} factor), the reduction, and the gradient {@code
 * sigmoid - y}.
 *
 * <p>Weights broadcast as NumPy broadcasts ({@code number[C]} over rows, or the input's shape), so
 * the expressions hold for every shape the endpoint takes, from a bare number up. With an upstream
 * gradient, the local gradient is multiplied by it. Values the answer also holds are its own
 * numbers.
 */
final class BceSteps {

    private BceSteps() {}

    /**
     * @param gradient the answer's gradient: the vector-Jacobian product with the upstream gradient
     *     when the request has one; null for an input with no element
     */
    static List<Step> of(BceRequest request, BinaryCrossEntropy.Result result, Matrix gradient) {
        Tensor input = request.input();
        int[] shape = input.shape();
        double[] y = request.targetValues();
        Steps steps = new Steps();
        String target = "target";
        if (request.targetClasses() != null) {
            String field = request.logits() != null ? "logits" : "probabilities";
            steps.add(
                    "oneHot",
                    "[c = targetClasses_n]",
                    "np.eye(" + field + ".shape[1])[targetClasses]",
                    new Tensor(y, shape));
            target = "oneHot";
        }
        String weight = request.weight() != null ? "weight * " : "";
        String weightFormula = request.weight() != null ? "w " : "";
        boolean mean = result.loss().reduction() == Reduction.MEAN;
        String over = mean ? " / denominator" : "";
        String gradientNumpy;
        String gradientFormula;
        String field;
        if (request.logits() != null) {
            field = "logits";
            steps.add(
                    "sigmoid",
                    "1 / (1 + exp(-x))",
                    "1 / (1 + np.exp(-logits))",
                    shaped(result.sigmoid(), shape));
            // log(1 + e), not log1p(e): PyTorch rounds 1 + e first, and for small e that rounding
            // is visible at 1e-12 (x = 12.5, posWeight 7, weight 1000: 7e-12 relative).
            String logTerm = "np.log(1 + np.exp(-np.abs(logits)))";
            if (request.posWeight() == null) {
                steps.add(
                        "perElement",
                        weightFormula + "((1 - y) x + max(-x, 0) + log(1 + exp(-|x|)))",
                        weight
                                + (weight.isEmpty() ? "" : "(")
                                + "(1 - "
                                + target
                                + ") * logits + np.maximum(-logits, 0) + "
                                + logTerm
                                + (weight.isEmpty() ? "" : ")"),
                        shaped(result.elementLosses(), shape));
                gradientFormula = weightFormula + "(sigmoid - y)" + over;
                gradientNumpy = weight + "(sigmoid - " + target + ")" + over;
            } else {
                double[] p =
                        Shapes.broadcast(
                                request.posWeight().values(),
                                request.posWeight().shape(),
                                shape,
                                "posWeight");
                double[] logWeight = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    logWeight[i] = 1 + (p[i] - 1) * y[i];
                }
                steps.add(
                        "logWeight",
                        "1 + (posWeight - 1) y",
                        "1 + (posWeight - 1) * " + target,
                        new Tensor(logWeight, shape));
                steps.add(
                        "perElement",
                        weightFormula + "((1 - y) x + logWeight (log(1 + exp(-|x|)) + max(-x, 0)))",
                        weight
                                + "((1 - "
                                + target
                                + ") * logits + logWeight * ("
                                + logTerm
                                + " + np.maximum(-logits, 0)))",
                        shaped(result.elementLosses(), shape));
                gradientFormula = weightFormula + "(logWeight sigmoid - posWeight y)" + over;
                gradientNumpy =
                        weight + "(logWeight * sigmoid - posWeight * " + target + ")" + over;
            }
        } else {
            field = "probabilities";
            double[] x = input.values();
            double[] logP = new double[x.length];
            double[] logOneMinusP = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                logP[i] = Math.max(Math.log(x[i]), -100);
                logOneMinusP[i] = Math.max(Math.log(1 - x[i]), -100);
            }
            steps.add(
                    "logP",
                    "max(log(x), -100)",
                    "np.maximum(np.log(probabilities), -100)",
                    new Tensor(logP, shape));
            steps.add(
                    "logOneMinusP",
                    "max(log(1 - x), -100)",
                    "np.maximum(np.log(1 - probabilities), -100)",
                    new Tensor(logOneMinusP, shape));
            steps.add(
                    "perElement",
                    "-" + weightFormula + "(y logP + (1 - y) logOneMinusP)",
                    "-" + weight + "(" + target + " * logP + (1 - " + target + ") * logOneMinusP)",
                    shaped(result.elementLosses(), shape));
            gradientFormula = weightFormula + "(x - y) / max(x (1 - x), float32(1e-12))" + over;
            gradientNumpy =
                    weight
                            + "(probabilities - "
                            + target
                            + ") / np.maximum(probabilities * (1 - probabilities),"
                            + " np.float32(1e-12))"
                            + over;
        }
        // A sample is an index of dimension 0; from rank 2 its loss sums a sub-tensor, here one
        // axis at a time from the last (which also holds where a dimension has size 0).
        if (shape.length == 2) {
            steps.add(
                    "perSample",
                    "sum_c perElement_nc",
                    "perElement.sum(axis=1)",
                    result.sampleLosses());
        } else if (shape.length > 2) {
            steps.add(
                    "perSample",
                    "sum of perElement over all but dimension 0",
                    "perElement" + ".sum(axis=-1)".repeat(shape.length - 1),
                    result.sampleLosses());
        }
        ReducedLoss loss = result.loss();
        steps.add("lossSum", "sum of perElement", "perElement.sum()", loss.lossSum());
        steps.add("denominator", "number of elements", field + ".size", loss.denominator());
        LossSteps.addLoss(steps, loss);
        Tensor upstream = request.upstreamGradient();
        steps.add(
                upstream == null ? "gradient" : "localGradient",
                gradientFormula,
                gradientNumpy,
                shaped(result.gradient(), shape));
        if (upstream != null) {
            steps.add(
                    "gradient",
                    "localGradient u",
                    "localGradient * upstreamGradient",
                    shaped(gradient, shape));
        }
        return steps.list();
    }

    /** The values of a result's matrix in the input's shape; none for an input with no element. */
    private static Tensor shaped(Matrix matrix, int[] shape) {
        return new Tensor(matrix == null ? new double[0] : matrix.values(), shape);
    }
}
