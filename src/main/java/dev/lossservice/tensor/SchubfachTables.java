package dev.lossservice.tensor;

import java.math.BigInteger;

/**
 * The integer approximations that {@link DoubleText}'s Schubfach algorithm needs, after R.
 * Giulietti, "The Schubfach way to render doubles" (2020), section 9 and its reference
 * implementation (the JDK's {@code jdk.internal.math.MathUtils}). The table of {@code g} is
 * computed exactly with {@link BigInteger} when this class is loaded (617 entries, well under a
 * millisecond), rather than borrowed from a library package that is not exported.
 */
final class SchubfachTables {

    /** Smallest and largest k for which {@code g(k)} is needed by doubles. */
    static final int K_MIN = -324;

    static final int K_MAX = 292;

    /** {@code G[2 (k - K_MIN)]} is {@code g1(k)}, the next entry {@code g0(k)}. */
    private static final long[] G = computeG();

    private static final long[] POW10 = {
        1L,
        10L,
        100L,
        1_000L,
        10_000L,
        100_000L,
        1_000_000L,
        10_000_000L,
        100_000_000L,
        1_000_000_000L,
        10_000_000_000L,
        100_000_000_000L,
        1_000_000_000_000L,
        10_000_000_000_000L,
        100_000_000_000_000L,
        1_000_000_000_000_000L,
        10_000_000_000_000_000L,
        100_000_000_000_000_000L,
    };

    private SchubfachTables() {}

    /** {@code floor(e log10 2)}, exact for {@code |e| <= 5_456_721}. */
    static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** {@code floor(log10(3/4 2^e))}, exact for {@code |e| <= 5_456_721}. */
    static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L + -274_743_187_321L >> 41);
    }

    /** {@code floor(e log2 10)}, exact for {@code |e| <= 1_838_394}. */
    static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** {@code 10^e} for {@code 0 <= e <= 17}. */
    static long pow10(int e) {
        return POW10[e];
    }

    /** The high 63 bits of {@code g(k)}: {@code floor(g 2^-63)}. */
    static long g1(int k) {
        return G[(k - K_MIN) << 1];
    }

    /** The low 63 bits of {@code g(k)}: {@code g - g1 2^63}. */
    static long g0(int k) {
        return G[(k - K_MIN) << 1 | 1];
    }

    /**
     * For each k, writes {@code 10^-k = beta 2^r} with {@code 2^125 <= beta < 2^126}; then {@code g
     * = floor(beta) + 1}, split into 63-bit halves.
     */
    private static long[] computeG() {
        long[] g = new long[(K_MAX - K_MIN + 1) * 2];
        BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            BigInteger beta;
            if (k <= 0) {
                // 10^-k is an integer: shift it to 126 bits (exact when shifting left).
                BigInteger pow = BigInteger.TEN.pow(-k);
                int shift = pow.bitLength() - 126;
                beta = shift >= 0 ? pow.shiftRight(shift) : pow.shiftLeft(-shift);
            } else {
                // 10^-k = 2^s / 10^k / 2^s: choose s so that the quotient has 126 bits.
                BigInteger pow = BigInteger.TEN.pow(k);
                int s = pow.bitLength() + 125;
                beta = BigInteger.ONE.shiftLeft(s).divide(pow);
                if (beta.bitLength() > 126) {
                    beta = BigInteger.ONE.shiftLeft(s - 1).divide(pow);
                }
            }
            BigInteger gk = beta.add(BigInteger.ONE);
            g[(k - K_MIN) << 1] = gk.shiftRight(63).longValueExact();
            g[(k - K_MIN) << 1 | 1] = gk.and(mask63).longValueExact();
        }
        return g;
    }
}
