package dev.lossservice.core;

/**
 * The reduced value of a loss together with the two numbers it is made from.
 *
 * @param reduction how the per-sample losses are combined
 * @param lossSum the sum of the per-sample losses, {@code sum_n loss_n}
 * @param denominator what {@link Reduction#MEAN} divides by (total target weight, or element count,
 *     depending on the loss)
 */
public record ReducedLoss(Reduction reduction, double lossSum, double denominator) {

    /**
     * The reduced loss: {@code lossSum} for {@code SUM}; {@code lossSum / denominator} for {@code
     * MEAN}, which is NaN when the denominator is 0, as in PyTorch; NaN for {@code NONE}, where no
     * single value exists.
     */
    public double value() {
        return switch (reduction) {
            case SUM -> lossSum;
            case MEAN -> denominator == 0 ? Double.NaN : lossSum / denominator;
            case NONE -> Double.NaN;
        };
    }

    /**
     * Whether {@link #value()} is a number: false for {@code NONE}, and for {@code MEAN} over a
     * zero denominator.
     */
    public boolean isDefined() {
        return reduction == Reduction.SUM || (reduction == Reduction.MEAN && denominator != 0);
    }

    /**
     * The factor that turns the gradient of {@code lossSum} into the gradient of the returned loss:
     * {@code 1 / denominator} for {@code MEAN} (infinite for a zero denominator, as PyTorch divides
     * by it), 1 otherwise ({@code NONE} returns the gradient of the sum).
     */
    double gradientScale() {
        return reduction == Reduction.MEAN ? 1.0 / denominator : 1.0;
    }
}
