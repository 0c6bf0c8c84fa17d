package dev.lossservice.tensor;

import java.nio.ByteOrder;

/**
 * The dtypes the service reads from {@code .npy} files, spelled as NumPy's {@code dtype.str} writes
 * them into a header: floats for number fields, integers and booleans for class indices. Every
 * value of each widens exactly: a float32 to the double of the same value, an integer to an {@code
 * int} or, for 64-bit integers, is checked against the {@code int} range first.
 */
enum NpyDtype {
    FLOAT64_LITTLE("<f8", 8, ByteOrder.LITTLE_ENDIAN, true),
    FLOAT32_LITTLE("<f4", 4, ByteOrder.LITTLE_ENDIAN, true),
    FLOAT64_BIG(">f8", 8, ByteOrder.BIG_ENDIAN, true),
    FLOAT32_BIG(">f4", 4, ByteOrder.BIG_ENDIAN, true),
    INT64_LITTLE("<i8", 8, ByteOrder.LITTLE_ENDIAN, false),
    INT32_LITTLE("<i4", 4, ByteOrder.LITTLE_ENDIAN, false),
    INT64_BIG(">i8", 8, ByteOrder.BIG_ENDIAN, false),
    INT32_BIG(">i4", 4, ByteOrder.BIG_ENDIAN, false),
    INT8("|i1", 1, ByteOrder.LITTLE_ENDIAN, false),
    UINT8("|u1", 1, ByteOrder.LITTLE_ENDIAN, false),
    BOOL("|b1", 1, ByteOrder.LITTLE_ENDIAN, false);

    /** What a number field takes, as a client reads it in an answer. */
    static final String FLOAT_NAMES = "<f8, <f4, >f8 or >f4 (float64 or float32)";

    /** What an integer field takes. */
    static final String INTEGER_NAMES = "<i8, <i4, >i8, >i4, |i1, |u1 or |b1 (integers or bool)";

    private final String descr;
    private final int itemSize;
    private final ByteOrder order;
    private final boolean floating;

    NpyDtype(String descr, int itemSize, ByteOrder order, boolean floating) {
        this.descr = descr;
        this.itemSize = itemSize;
        this.order = order;
        this.floating = floating;
    }

    /** The dtype a header names, or null if the service does not read it. */
    static NpyDtype of(String descr) {
        for (NpyDtype dtype : values()) {
            if (dtype.descr.equals(descr)) {
                return dtype;
            }
        }
        return null;
    }

    String descr() {
        return descr;
    }

    int itemSize() {
        return itemSize;
    }

    ByteOrder order() {
        return order;
    }

    boolean isFloating() {
        return floating;
    }

    /**
     * Why a header's dtype is refused for a field that takes {@code accepted}: object arrays and
     * other dtypes named as such. Quotes at most a few printable characters of the header.
     */
    static String refusal(String descr, String accepted) {
        if (descr != null && descr.length() >= 2 && descr.charAt(1) == 'O') {
            return "holds Python objects (dtype "
                    + quoted(descr)
                    + "), which .npy stores as pickles; send "
                    + accepted;
        }
        return "has dtype " + quoted(descr) + "; send " + accepted;
    }

    private static String quoted(String descr) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < descr.length() && i < 16; i++) {
            char c = descr.charAt(i);
            text.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.append(descr.length() > 16 ? "..." : "").toString();
    }
}
