package dev.lossservice.loss;

import dev.lossservice.core.ReducedLoss;
import dev.lossservice.core.Reduction;
import dev.lossservice.explain.Steps;
import dev.lossservice.tensor.Tensor;

/**
 * What the samples skipped by {@code ignoreIndex} do to the steps of cross-entropy and NLL: a
 * {@code kept} mask when any is skipped, a gradient that PyTorch leaves NaN, and a mean whose
 * gradient does not divide when every sample is skipped.
 *
 * @param samples how many samples (rows) there are
 * @param any whether any sample is skipped
 * @param all whether there is a sample and every one is skipped
 */
public record IgnoredSamples(int samples, boolean any, boolean all) {

    /** The reading of the core's {@code ignored} flags, one per row. */
    public static IgnoredSamples of(boolean[] ignored) {
        boolean any = false;
        boolean all = ignored.length > 0;
        for (boolean skipped : ignored) {
            any |= skipped;
            all &= skipped;
        }
        return new IgnoredSamples(ignored.length, any, all);
    }

    /**
     * Adds the step {@code kept} (1 for a sample that counts, 0 for one skipped) when any sample is
     * skipped; later steps mask with it.
     *
     * @param targets the NumPy name of the class-index target rows
     */
    public void addKeptStep(Steps steps, String targets, boolean[] ignored) {
        if (!any) {
            return;
        }
        double[] kept = new double[ignored.length];
        for (int n = 0; n < kept.length; n++) {
            kept[n] = ignored[n] ? 0 : 1;
        }
        steps.add("kept", "t_n != ignoreIndex", targets + " != ignoreIndex", Tensor.vector(kept));
    }

    /**
     * Whether PyTorch's gradient is a number: not for a mean over a denominator of 0 while some
     * samples count (their target-class weights are 0). The answer says why; no step can show it.
     * With no sample at all the gradient has no element, NaN or not.
     */
    public boolean gradientDefined(ReducedLoss loss) {
        return !(loss.reduction() == Reduction.MEAN
                && loss.denominator() == 0
                && !all
                && samples > 0);
    }

    /**
     * Whether the mean's gradient divides by the denominator: not when every sample is skipped,
     * where the gradient is 0, not 0 / 0.
     */
    public boolean divides(ReducedLoss loss) {
        return loss.reduction() == Reduction.MEAN && !all;
    }
}
