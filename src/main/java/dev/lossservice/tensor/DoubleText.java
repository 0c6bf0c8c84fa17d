package dev.lossservice.tensor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes the text of a finite double into a byte array, the same characters as {@link
 * Double#toString} on Java 19+ and Jackson's fast double writer (the shortest decimal that reads
 * back to the same double, in {@code Double.toString}'s plain or {@code E} format), without making
 * any object: the Schubfach algorithm of R. Giulietti, "The Schubfach way to render doubles"
 * (2020), as in Jackson's and the JDK's {@code DoubleToDecimal}, with its tables computed in {@link
 * SchubfachTables}, but writing into the caller's buffer instead of a new {@code String}.
 */
final class DoubleText {

    /** Most bytes one double's text takes, e.g. {@code -2.2250738585072014E-308}. */
    static final int MAX_LENGTH = 24;

    private static final int P = 53;
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (P - 1);
    private static final int BQ_MASK = (1 << 11) - 1;
    private static final long T_MASK = (1L << (P - 1)) - 1;
    private static final long C_TINY = 3;
    private static final int H = 17;
    private static final int MASK_28 = (1 << 28) - 1;
    private static final long MASK_63 = (1L << 63) - 1;

    /** Eight bytes of a byte array as one little-endian long: the first digit at the low end. */
    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int index;

    /**
     * Writes {@code v} at {@code bytes[offset]}, which must have {@link #MAX_LENGTH} bytes free.
     *
     * @return the offset after the last byte written
     * @throws IllegalArgumentException if {@code v} is NaN or infinite
     */
    int write(double v, byte[] bytes, int offset) {
        this.bytes = bytes;
        this.index = offset - 1;
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & T_MASK;
        int bq = (int) (bits >>> (P - 1)) & BQ_MASK;
        if (bq == BQ_MASK) {
            throw new IllegalArgumentException("not finite: " + v);
        }
        if (bits < 0) {
            append('-');
        }
        if (bq != 0) {
            int mq = -Q_MIN + 1 - bq;
            long c = C_MIN | t;
            if (0 < mq && mq < P) {
                long f = c >> mq;
                if (f << mq == c) {
                    toChars(f, 0);
                    return index + 1;
                }
            }
            toDecimal(-mq, c, 0);
        } else if (t != 0) {
            if (t < C_TINY) {
                toDecimal(Q_MIN, 10 * t, -1);
            } else {
                toDecimal(Q_MIN, t, 0);
            }
        } else {
            append('0');
            append('.');
            append('0');
        }
        return index + 1;
    }

    private void toDecimal(int q, long c, int dk) {
        int out = (int) c & 0x1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = SchubfachTables.flog10pow2(q);
        } else {
            cbl = cb - 1;
            k = SchubfachTables.flog10threeQuartersPow2(q);
        }
        int h = q + SchubfachTables.flog2pow10(-k) + 2;
        long g1 = SchubfachTables.g1(k);
        long g0 = SchubfachTables.g0(k);
        long vb = rop(g1, g0, cb << h);
        long vbl = rop(g1, g0, cbl << h);
        long vbr = rop(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                toChars(upin ? sp10 : tp10, k);
                return;
            }
        }
        long t = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (t << 2) + out <= vbr;
        if (uin != win) {
            toChars(uin ? s : t, k + dk);
            return;
        }
        long cmp = vb - ((s + t) << 1);
        toChars(cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : t, k + dk);
    }

    private static long rop(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    private void toChars(long f, int e) {
        int len = SchubfachTables.flog10pow2(Long.SIZE - Long.numberOfLeadingZeros(f));
        if (f >= SchubfachTables.pow10(len)) {
            len += 1;
        }
        f *= SchubfachTables.pow10(H - len);
        e += len;
        long hm = Math.multiplyHigh(f, 193_428_131_138_340_668L) >>> 20;
        int l = (int) (f - 100_000_000L * hm);
        int h = (int) (hm * 1_441_151_881L >>> 57);
        int m = (int) (hm - 100_000_000 * h);
        if (0 < e && e <= 7) {
            toChars1(h, m, l, e);
        } else if (-3 < e && e <= 0) {
            toChars2(h, m, l, e);
        } else {
            toChars3(h, m, l, e);
        }
    }

    /** {@code 0 < e <= 7}: plain format without leading zeroes. */
    private void toChars1(int h, int m, int l, int e) {
        appendDigit(h);
        int y = y(m);
        int t;
        int i = 1;
        for (; i < e; ++i) {
            t = 10 * y;
            appendDigit(t >>> 28);
            y = t & MASK_28;
        }
        append('.');
        for (; i <= 8; ++i) {
            t = 10 * y;
            appendDigit(t >>> 28);
            y = t & MASK_28;
        }
        lowDigits(l);
    }

    /** {@code -3 < e <= 0}: plain format with leading zeroes. */
    private void toChars2(int h, int m, int l, int e) {
        appendDigit(0);
        append('.');
        for (; e < 0; ++e) {
            appendDigit(0);
        }
        appendDigit(h);
        append8Digits(m);
        lowDigits(l);
    }

    /** {@code e <= -3 || e > 7}: computerized scientific notation. */
    private void toChars3(int h, int m, int l, int e) {
        appendDigit(h);
        append('.');
        append8Digits(m);
        lowDigits(l);
        exponent(e - 1);
    }

    private void lowDigits(int l) {
        if (l == 0) {
            removeTrailingZeroes();
            return;
        }
        // l != 0, so its last non-zero digit ends the text: each zero digit is a zero byte of the
        // digit values, counted from the high (last) end.
        long digits = eightDigitValues(l);
        EIGHT_BYTES.set(bytes, index + 1, digits + ASCII_ZEROES);
        index += 8 - Long.numberOfLeadingZeros(digits) / 8;
    }

    private void append8Digits(int m) {
        EIGHT_BYTES.set(bytes, index + 1, eightDigitValues(m) + ASCII_ZEROES);
        index += 8;
    }

    private static final long ASCII_ZEROES = 0x3030303030303030L;

    /**
     * The eight decimal digits of {@code m < 10^8}, most significant first, one per byte of a
     * little-endian long (values 0 to 9, not yet characters). Each step splits every lane in two
     * with a multiply-shift division (exact in the ranges here) in all lanes at once: 8 digits to 2
     * x 4, to 4 x 2, to 8 x 1.
     */
    private static long eightDigitValues(int m) {
        int high = m / 10_000;
        long fours = high | (long) (m - 10_000 * high) << 32;
        long hundreds = (fours * 10_486 >>> 20) & 0x0000_007F_0000_007FL;
        long twos = hundreds | (fours - 100 * hundreds) << 16;
        long tens = (twos * 103 >>> 10) & 0x000F_000F_000F_000FL;
        return tens | (twos - 10 * tens) << 8;
    }

    private void removeTrailingZeroes() {
        while (bytes[index] == '0') {
            --index;
        }
        if (bytes[index] == '.') {
            ++index;
        }
    }

    private static int y(int a) {
        return (int) (Math.multiplyHigh((long) (a + 1) << 28, 193_428_131_138_340_668L) >>> 20) - 1;
    }

    private void exponent(int e) {
        append('E');
        if (e < 0) {
            append('-');
            e = -e;
        }
        if (e < 10) {
            appendDigit(e);
            return;
        }
        int d;
        if (e >= 100) {
            d = e * 1_311 >>> 17;
            appendDigit(d);
            e -= 100 * d;
        }
        d = e * 103 >>> 10;
        appendDigit(d);
        appendDigit(e - 10 * d);
    }

    private void append(int c) {
        bytes[++index] = (byte) c;
    }

    private void appendDigit(int d) {
        bytes[++index] = (byte) ('0' + d);
    }
}
