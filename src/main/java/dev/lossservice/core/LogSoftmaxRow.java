package dev.lossservice.core;

/**
 * The row kernel of softmax and log-softmax: the one place where they are computed, for {@link
 * Softmax} and {@link CrossEntropy} alike. For a row {@code x} of logits and a temperature {@code T
 * > 0}, with {@code z = x / T} and {@code m = max_c z_c}:
 *
 * <pre>
 *   e_c               = exp(z_c - m)                   (in (0, 1]: no overflow for any finite x)
 *   probability_c     = e_c * (1 / sum_k e_k)
 *   logProbability_c  = (z_c - m) - log(sum_k e_k)
 *   logSumExp         = m + log(sum_k e_k)
 * </pre>
 *
 * <p>{@link #load} takes a row: it finds the row's argmax (the first index of its maximum, as
 * {@code torch.argmax}) and writes the {@code e_c}; then {@link #write} turns them into both
 * outputs in one pass, or a caller that fuses its own work into that pass (the cross-entropy
 * gradient) reads {@link #probability} and {@link #logProbability} element by element. An instance
 * holds the row's four numbers between those calls, so that no row allocates; it is not
 * thread-safe, and each row block makes its own.
 *
 * <p>At {@code T = 1} nothing is divided: {@code x / 1.0} is {@code x} exactly, so skipping the
 * division gives the same bits without its cost, which in a vectorised loop is not small.
 */
final class LogSoftmaxRow {

    private final double temperature;
    private final boolean tempered;

    private int argmax;

    /** {@code m}, the row's maximum of {@code z}. */
    private double max;

    /** {@code log(sum_k e_k)}. */
    private double logSum;

    /** {@code 1 / sum_k e_k}: one division per row, then a multiplication per element. */
    private double inverseSum;

    /**
     * @param temperature {@code T}, finite and above 0 (checked by the callers' entry points)
     */
    LogSoftmaxRow(double temperature) {
        this.temperature = temperature;
        this.tempered = temperature != 1.0;
    }

    /**
     * Takes the row {@code x[offset, offset + columns)}: finds its argmax and writes {@code e_c} to
     * the same indices of {@code exponentials}, overwriting those of {@code scratch}.
     */
    void load(double[] x, int offset, int columns, double[] exponentials, double[] scratch) {
        argmax = argmax(x, offset, columns);
        double sum;
        if (tempered) {
            // Dividing by T, not multiplying by 1/T, as PyTorch's logits / T does.
            max = x[offset + argmax] / temperature;
            sum =
                    Exponential.dividedShifted(
                            x, offset, columns, temperature, max, exponentials, scratch);
        } else {
            max = x[offset + argmax];
            sum = Exponential.shifted(x, offset, columns, max, exponentials, scratch);
        }
        logSum = Math.log(sum);
        inverseSum = 1.0 / sum;
    }

    /**
     * Turns the loaded row's {@code e_c} in {@code probabilities} into probabilities, in place, and
     * writes its log-probabilities to {@code logProbabilities}, at the row's indices in both.
     */
    void write(
            double[] x,
            int offset,
            int columns,
            double[] probabilities,
            double[] logProbabilities) {
        // Locals, not fields, in the loops: what C2 vectorises is then plainly loop-invariant.
        double m = max;
        double log = logSum;
        double inverse = inverseSum;
        int end = offset + columns;
        if (tempered) {
            double t = temperature;
            for (int i = offset; i < end; i++) {
                logProbabilities[i] = (x[i] / t - m) - log;
                probabilities[i] *= inverse;
            }
        } else {
            for (int i = offset; i < end; i++) {
                logProbabilities[i] = (x[i] - m) - log;
                probabilities[i] *= inverse;
            }
        }
    }

    /** The probability of an element of the loaded row whose {@code e_c} is {@code exponential}. */
    double probability(double exponential) {
        return exponential * inverseSum;
    }

    /** The log-probability of an element of the loaded row whose logit is {@code logit}. */
    double logProbability(double logit) {
        return ((tempered ? logit / temperature : logit) - max) - logSum;
    }

    /** The first index of the loaded row's maximum, counted from the row's start. */
    int argmax() {
        return argmax;
    }

    /** {@code logsumexp(z)} of the loaded row. */
    double logSumExp() {
        return max + logSum;
    }

    /** First index of the maximum of {@code values[offset .. offset + length)}. */
    static int argmax(double[] values, int offset, int length) {
        int best = 0;
        double max = values[offset];
        for (int c = 1; c < length; c++) {
            if (values[offset + c] > max) {
                max = values[offset + c];
                best = c;
            }
        }
        return best;
    }
}
