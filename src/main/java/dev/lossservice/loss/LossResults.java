package dev.lossservice.loss;

import dev.lossservice.core.Matrix;
import dev.lossservice.core.OneHotRows;
import dev.lossservice.core.ReducedLoss;
import dev.lossservice.core.Reduction;
import dev.lossservice.problem.NonFiniteResultException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how each computed number reaches the client, so that the JSON never holds {@code NaN} or
 * {@code Infinity}: a value PyTorch leaves undefined (NaN from a mean over zero total weight)
 * becomes null with a reason; anything else that is not finite can only be an overflow of huge
 * finite inputs, and is refused with 422 ({@link NonFiniteResultException}).
 */
public final class LossResults {

    static final String NO_REDUCTION =
            "reduction is none: there is no single loss; see samples[n].loss, and lossSum";
    static final String ZERO_DENOMINATOR =
            "mean divides by a denominator of 0 (every sample ignored, or all their target-class"
                    + " weights 0); PyTorch returns NaN";
    static final String GRADIENT_OF_ZERO_DENOMINATOR =
            "mean divides by a denominator of 0 while some samples are not ignored (their"
                    + " target-class weights are 0); PyTorch's gradient is NaN";

    private LossResults() {}

    /** The reduction as the request spelled it: {@code "mean"}, {@code "sum"}, {@code "none"}. */
    public static String reduction(ReducedLoss loss) {
        return loss.reduction().name().toLowerCase(Locale.ROOT);
    }

    /** The reduced loss, or null where it is undefined; see {@link #lossUndefinedReason}. */
    public static Double loss(ReducedLoss loss) {
        requireFinite(loss.lossSum(), "lossSum");
        requireFinite(loss.denominator(), "denominator");
        if (!loss.isDefined()) {
            return null;
        }
        return requireFinite(loss.value(), "loss");
    }

    /** Why {@link #loss} is null, or null when it is not. */
    public static String lossUndefinedReason(ReducedLoss loss) {
        if (loss.reduction() == Reduction.NONE) {
            return NO_REDUCTION;
        }
        return loss.isDefined() ? null : ZERO_DENOMINATOR;
    }

    /**
     * The gradient to return: empty where PyTorch's would be NaN because the mean divides by 0.
     *
     * @throws NonFiniteResultException if it holds any other non-finite value
     */
    public static Optional<Matrix> gradient(Matrix gradient, ReducedLoss loss) {
        return isDefined(gradient.values(), loss) ? Optional.of(gradient) : Optional.empty();
    }

    /**
     * As {@link #gradient(Matrix, ReducedLoss)}, for a gradient of any form whose numbers are
     * {@code values}.
     */
    public static <G> Optional<G> gradient(G gradient, double[] values, ReducedLoss loss) {
        return isDefined(values, loss) ? Optional.of(gradient) : Optional.empty();
    }

    /**
     * As {@link #gradient(Matrix, ReducedLoss)}, for a gradient with one value per row. Every other
     * element is 0, so checking the stored values, in row order, meets the non-finite ones in the
     * order the dense check would.
     *
     * @throws NonFiniteResultException if it holds a non-finite value other than that NaN
     */
    public static Optional<OneHotRows> gradient(OneHotRows gradient, ReducedLoss loss) {
        return isDefined(gradient.value(), loss) ? Optional.of(gradient) : Optional.empty();
    }

    /** False at the first NaN when the mean divides by 0; throws at any other non-finite value. */
    private static boolean isDefined(double[] gradient, ReducedLoss loss) {
        for (double value : gradient) {
            if (!Double.isFinite(value)) {
                if (Double.isNaN(value)
                        && loss.reduction() == Reduction.MEAN
                        && loss.denominator() == 0) {
                    return false;
                }
                throw new NonFiniteResultException("gradient");
            }
        }
        return true;
    }

    /** Why {@link #gradient} is empty, or null when it is present or was left out (null). */
    public static String gradientUndefinedReason(Optional<?> gradient) {
        return gradient != null && gradient.isEmpty() ? GRADIENT_OF_ZERO_DENOMINATOR : null;
    }

    /**
     * @throws NonFiniteResultException if the value is not finite
     */
    public static double requireFinite(double value, String quantity) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteResultException(quantity);
        }
        return value;
    }

    /**
     * @throws NonFiniteResultException if any value is not finite
     */
    public static void requireFinite(double[] values, String quantity) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new NonFiniteResultException(quantity);
            }
        }
    }

    public static void requireFinite(Matrix matrix, String quantity) {
        requireFinite(matrix.values(), quantity);
    }
}
