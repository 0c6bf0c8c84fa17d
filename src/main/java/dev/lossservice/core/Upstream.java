package dev.lossservice.core;

/**
 * The chain rule's last step for a loss: scales the gradient of the returned loss by the gradient
 * flowing back into it, as {@code loss.backward(upstream)} does. For {@code MEAN} and {@code SUM}
 * the upstream gradient is one number; for {@code NONE} one number per position, which scales the C
 * gradient values of that position ({@code losses.backward(upstream)}).
 */
final class Upstream {

    private Upstream() {}

    /**
     * Multiplies {@code gradient} (laid out as {@code shape}) in place.
     *
     * @param upstream null for 1 (nothing to do); one number for {@code MEAN} and {@code SUM}; one
     *     per position for {@code NONE}
     * @throws IllegalArgumentException if {@code upstream} has the wrong length
     */
    static void apply(double[] gradient, ClassShape shape, Reduction reduction, double[] upstream) {
        if (upstream == null) {
            return;
        }
        if (reduction != Reduction.NONE) {
            ArgumentChecks.requireOnePerRow(upstream.length, "upstreamGradient", 1);
            double u = upstream[0];
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= u;
            }
            return;
        }
        ArgumentChecks.requireOnePerRow(upstream.length, "upstreamGradient", shape.positions());
        int classes = shape.classes();
        int inner = shape.inner();
        for (int n = 0; n < shape.batch(); n++) {
            for (int c = 0; c < classes; c++) {
                int offset = (n * classes + c) * inner;
                int positions = n * inner;
                for (int s = 0; s < inner; s++) {
                    gradient[offset + s] *= upstream[positions + s];
                }
            }
        }
    }
}
