package dev.lossservice.core;

/**
 * {@code exp} over a stretch of an array, written so that HotSpot's C2 compiler vectorises the
 * costly part (about three times the throughput of a loop of {@link Math#exp} calls, which C2
 * cannot vectorise), within 1 ulp of {@link Math#exp}.
 *
 * <p>For {@code v} with {@code |v| <= 708}:
 *
 * <pre>
 *   k      = rint(v * log2(e))                     (an integer, |k| <= 1022)
 *   r      = (v - k * ln2_hi) - k * ln2_lo          (Cody-Waite: |r| <= ln2 / 2, nearly exact)
 *   exp(v) = 2^k * (1 + r + r^2 * P(r)),   P(r) = sum_{i=2..13} r^(i-2) / i!
 * </pre>
 *
 * The Taylor remainder {@code r^14 / 14!} is below 5e-18 relative. The first pass over the array
 * computes {@code r + r^2 P(r)} and {@code k} with arithmetic alone (vectorised); the second builds
 * {@code 2^k} from its bits, which C2 does not vectorise, and takes the sum. Any {@code v} outside
 * {@code [-708, 708]} (or NaN) goes to {@link Math#exp}, so underflow to subnormals and 0, overflow
 * and NaN behave exactly as there.
 *
 * <p>Every method reads {@code [offset, offset + length)} of its input and writes the same indices
 * of {@code out} and {@code scratch}: one offset for all arrays is what lets C2 vectorise the loop.
 */
final class Exponential {

    private static final double LOG2_E = 1.4426950408889634;

    /** fdlibm's split of ln 2: {@code k * LN2_HI} is exact for {@code |k| < 2^20}. */
    private static final double LN2_HI = 6.93147180369123816490e-01;

    private static final double LN2_LO = 1.90821492927058770002e-10;

    /**
     * Added to {@code k}, it leaves {@code k + 1023} (the biased exponent of {@code 2^k}) in the
     * low bits of the sum's representation; shifting those bits left by 52 gives {@code 2^k}.
     */
    private static final double EXPONENT_SHIFT = 0x1.8p52 + 1023;

    /** Beyond this, {@code 2^k} is not a normal double; {@link Math#exp} takes those arguments. */
    private static final double LIMIT = 708;

    private Exponential() {}

    /**
     * Writes {@code exp(x[i] - shift)} to {@code out[i]} and returns their sum, taken in index
     * order.
     */
    static double shifted(
            double[] x, int offset, int length, double shift, double[] out, double[] scratch) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            reduce(x[i] - shift, i, out, scratch);
        }
        double sum = 0;
        for (int i = offset; i < end; i++) {
            double e = scale(x[i] - shift, i, out, scratch);
            out[i] = e;
            sum += e;
        }
        return sum;
    }

    /**
     * Writes {@code exp(x[i] / divisor - shift)} to {@code out[i]} and returns their sum, taken in
     * index order.
     */
    static double dividedShifted(
            double[] x,
            int offset,
            int length,
            double divisor,
            double shift,
            double[] out,
            double[] scratch) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            reduce(x[i] / divisor - shift, i, out, scratch);
        }
        double sum = 0;
        for (int i = offset; i < end; i++) {
            double e = scale(x[i] / divisor - shift, i, out, scratch);
            out[i] = e;
            sum += e;
        }
        return sum;
    }

    /** Writes {@code exp(-|x[i]|)} to {@code out[i]}, a value in {@code (0, 1]}. */
    static void ofMinusAbs(double[] x, int offset, int length, double[] out, double[] scratch) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            reduce(-Math.abs(x[i]), i, out, scratch);
        }
        for (int i = offset; i < end; i++) {
            out[i] = scale(-Math.abs(x[i]), i, out, scratch);
        }
    }

    /** First pass: {@code r + r^2 P(r)} to {@code out[i]}, {@code k} (shifted) to scratch. */
    private static void reduce(double v, int i, double[] out, double[] scratch) {
        double k = Math.rint(v * LOG2_E);
        double r = (v - k * LN2_HI) - k * LN2_LO;
        double p = 1.0 / 6227020800L;
        p = Math.fma(p, r, 1.0 / 479001600);
        p = Math.fma(p, r, 1.0 / 39916800);
        p = Math.fma(p, r, 1.0 / 3628800);
        p = Math.fma(p, r, 1.0 / 362880);
        p = Math.fma(p, r, 1.0 / 40320);
        p = Math.fma(p, r, 1.0 / 5040);
        p = Math.fma(p, r, 1.0 / 720);
        p = Math.fma(p, r, 1.0 / 120);
        p = Math.fma(p, r, 1.0 / 24);
        p = Math.fma(p, r, 1.0 / 6);
        p = Math.fma(p, r, 0.5);
        out[i] = Math.fma(p, r * r, r);
        scratch[i] = k + EXPONENT_SHIFT;
    }

    /** Second pass: {@code exp(v)} from the first pass's values at {@code i}. */
    private static double scale(double v, int i, double[] out, double[] scratch) {
        if (!(Math.abs(v) <= LIMIT)) {
            return Math.exp(v);
        }
        double twoToK = Double.longBitsToDouble(Double.doubleToRawLongBits(scratch[i]) << 52);
        return Math.fma(twoToK, out[i], twoToK);
    }
}
