package dev.lossservice.tensor;

import java.util.Arrays;

/**
 * The header of a NumPy {@code .npy} file, parsed and checked against the bytes that follow it: the
 * format is NumPy's own ({@code numpy.lib.format}): the magic string {@code \x93NUMPY}, a major and
 * a minor version byte, the header's length (2 bytes little-endian in version 1.0, 4 bytes in 2.0
 * and 3.0), then a Python dictionary literal such as {@code {'descr': '<f8', 'fortran_order':
 * False, 'shape': (3, 4), }}, padded with spaces and ended by a newline. The data follows.
 *
 * <p>Everything in a header is untrusted: nothing is allocated from its numbers. The header's
 * length is checked against the bytes present and capped at NumPy's own default ({@value
 * #MAX_HEADER_LENGTH} bytes, {@code max_header_size}); the shape is at most {@value
 * #MAX_DIMENSIONS} dimensions (NumPy 1.x's {@code NPY_MAXDIMS}), each read with an overflow check;
 * the element count and the data's length in bytes are computed with overflow checks and must equal
 * the bytes that actually follow the header, before any array is made.
 *
 * @param descr the dtype as the header spells it, e.g. {@code <f8}; null for a structured dtype
 * @param fortranOrder whether the data is in column-major order
 * @param shape the dimensions, outermost first; empty for a 0-d array
 * @param dataOffset where the data starts, relative to the start of the file
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape, int dataOffset) {

    /** NumPy's {@code max_header_size} default: longer headers are refused by NumPy too. */
    static final int MAX_HEADER_LENGTH = 10_000;

    /** NumPy 1.x's {@code NPY_MAXDIMS}. */
    static final int MAX_DIMENSIONS = 32;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** A file that is not a {@code .npy} array this reader accepts; the message is for clients. */
    static final class FormatException extends Exception {

        private static final long serialVersionUID = 1L;

        FormatException(String detail) {
            super(detail, null, false, false);
        }
    }

    /**
     * Reads the header of the file in {@code bytes[offset, offset + length)}.
     *
     * @throws FormatException if it is not a {@code .npy} header of version 1.0, 2.0 or 3.0, or is
     *     longer than the file
     */
    static NpyHeader parse(byte[] bytes, int offset, int length) throws FormatException {
        if (length < MAGIC.length + 2
                || !Arrays.equals(bytes, offset, offset + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new FormatException(
                    "is not a .npy file: it does not start with NumPy's magic string \\x93NUMPY"
                            + " (write it with numpy.save)");
        }
        int major = bytes[offset + 6] & 0xff;
        int minor = bytes[offset + 7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new FormatException(
                    "has .npy format version "
                            + major
                            + "."
                            + minor
                            + "; versions 1.0, 2.0 and 3.0 are read");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        int start = MAGIC.length + 2 + lengthBytes;
        if (length < start) {
            throw new FormatException("ends inside its header (" + length + " bytes in all)");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (bytes[offset + MAGIC.length + 2 + i] & 0xff);
        }
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new FormatException(
                    "declares a header of "
                            + headerLength
                            + " bytes; NumPy reads at most "
                            + MAX_HEADER_LENGTH);
        }
        if (headerLength > length - start) {
            throw new FormatException(
                    "ends inside its header: the header declares "
                            + headerLength
                            + " bytes, "
                            + (length - start)
                            + " follow");
        }
        Parser parser = new Parser(bytes, offset + start, offset + start + (int) headerLength);
        return parser.dictionary(start + (int) headerLength);
    }

    /**
     * The number of elements, {@code shape}'s product, and checks that the data after the header is
     * exactly that many elements of {@code itemSize} bytes.
     *
     * @param fileLength the length of the whole file
     * @throws FormatException if the product overflows, or the data is shorter or longer
     */
    int elementCount(int itemSize, int fileLength) throws FormatException {
        long elements = 1;
        long bytes;
        try {
            for (int dimension : shape) {
                elements = Math.multiplyExact(elements, dimension);
            }
            bytes = Math.multiplyExact(elements, itemSize);
        } catch (ArithmeticException e) {
            throw new FormatException(
                    "declares shape "
                            + describeShape()
                            + " of "
                            + descr
                            + ", more bytes than a 64-bit count holds; "
                            + (fileLength - dataOffset)
                            + " bytes follow the header");
        }
        long present = fileLength - dataOffset;
        if (bytes != present) {
            throw new FormatException(
                    "declares shape "
                            + describeShape()
                            + " of "
                            + descr
                            + ", which is "
                            + bytes
                            + " bytes of data, but "
                            + present
                            + " bytes follow the header"
                            + (bytes > present ? " (truncated?)" : ""));
        }
        // Fits: it is at most the length of a part of the body, an int.
        return (int) elements;
    }

    /** The shape as Python prints it: {@code ()}, {@code (3,)}, {@code (3, 4)}. */
    String describeShape() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return text.append(')').toString();
    }

    /**
     * A reader of the Python literal NumPy writes: a dictionary with exactly the keys {@code
     * descr}, {@code fortran_order} and {@code shape}, in any order, strings in single or double
     * quotes, {@code True}/{@code False}, and a tuple of non-negative integers; whitespace between
     * tokens, trailing commas, and spaces and a newline after the closing brace (NumPy's padding).
     */
    private static final class Parser {

        private final byte[] bytes;
        private final int end;
        private int position;

        Parser(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        NpyHeader dictionary(int dataOffset) throws FormatException {
            String descr = null;
            Boolean fortranOrder = null;
            int[] shape = null;
            boolean structured = false;
            expect('{');
            while (skipSpace() != '}') {
                String key = string();
                expect(':');
                switch (key) {
                    case "descr" -> {
                        requireFirst(descr != null || structured, key);
                        if (skipSpace() == '[') {
                            structured = true;
                            // A structured dtype is a list of fields; nothing in it is used.
                            position = end;
                            break;
                        }
                        descr = string();
                    }
                    case "fortran_order" -> {
                        requireFirst(fortranOrder != null, key);
                        fortranOrder = bool();
                    }
                    case "shape" -> {
                        requireFirst(shape != null, key);
                        shape = tuple();
                    }
                    default -> throw malformed();
                }
                if (structured) {
                    break;
                }
                if (skipSpace() == ',') {
                    position++;
                } else if (peek() != '}') {
                    throw malformed();
                }
            }
            if (structured) {
                throw new FormatException(
                        "holds a structured array (its dtype is a list of fields); only plain"
                                + " numeric arrays are read");
            }
            position++;
            while (position < end) {
                int c = bytes[position++];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != 0) {
                    throw malformed();
                }
            }
            if (descr == null || fortranOrder == null || shape == null) {
                throw new FormatException(
                        "has a header without "
                                + (descr == null
                                        ? "'descr'"
                                        : fortranOrder == null ? "'fortran_order'" : "'shape'")
                                + "; a .npy header names descr, fortran_order and shape");
            }
            return new NpyHeader(descr, fortranOrder, shape, dataOffset);
        }

        private static void requireFirst(boolean repeated, String key) throws FormatException {
            if (repeated) {
                throw new FormatException("has a header that gives '" + key + "' twice");
            }
        }

        private String string() throws FormatException {
            int quote = skipSpace();
            if (quote != '\'' && quote != '"') {
                throw malformed();
            }
            int start = ++position;
            while (position < end && bytes[position] != quote) {
                if (bytes[position] == '\\' || (bytes[position] & 0x80) != 0) {
                    throw malformed();
                }
                position++;
            }
            if (position >= end) {
                throw malformed();
            }
            // Quotes and ASCII only, so each byte is one character.
            String text =
                    new String(
                            bytes,
                            start,
                            position - start,
                            java.nio.charset.StandardCharsets.US_ASCII);
            position++;
            return text;
        }

        private boolean bool() throws FormatException {
            skipSpace();
            if (matches("True")) {
                return true;
            }
            if (matches("False")) {
                return false;
            }
            throw malformed();
        }

        private int[] tuple() throws FormatException {
            expect('(');
            int[] dimensions = new int[MAX_DIMENSIONS];
            int rank = 0;
            boolean comma = true;
            while (skipSpace() != ')') {
                if (!comma) {
                    throw malformed();
                }
                if (rank == MAX_DIMENSIONS) {
                    throw new FormatException(
                            "declares more than " + MAX_DIMENSIONS + " dimensions");
                }
                dimensions[rank++] = dimension();
                // Python 2's NumPy wrote long integers with an L.
                if (position < end && bytes[position] == 'L') {
                    position++;
                }
                comma = skipSpace() == ',';
                if (comma) {
                    position++;
                }
            }
            position++;
            // A one-element tuple needs its comma: (3) is the number 3 in Python.
            if (rank == 1 && !comma) {
                throw malformed();
            }
            return Arrays.copyOf(dimensions, rank);
        }

        private int dimension() throws FormatException {
            long value = 0;
            int digits = 0;
            while (position < end && bytes[position] >= '0' && bytes[position] <= '9') {
                value = value * 10 + (bytes[position++] - '0');
                if (value > Integer.MAX_VALUE) {
                    throw new FormatException(
                            "declares a dimension larger than " + Integer.MAX_VALUE);
                }
                digits++;
            }
            if (digits == 0) {
                throw malformed();
            }
            return (int) value;
        }

        private boolean matches(String word) {
            int length = word.length();
            if (end - position < length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (bytes[position + i] != word.charAt(i)) {
                    return false;
                }
            }
            position += length;
            return true;
        }

        private void expect(char c) throws FormatException {
            if (skipSpace() != c) {
                throw malformed();
            }
            position++;
        }

        /** Skips whitespace; returns the next byte without consuming it, -1 at the end. */
        private int skipSpace() {
            while (position < end) {
                byte b = bytes[position];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return b;
                }
                position++;
            }
            return -1;
        }

        private int peek() {
            return position < end ? bytes[position] : -1;
        }

        private static FormatException malformed() {
            return new FormatException(
                    "has a header that is not NumPy's dictionary of descr, fortran_order and shape"
                            + " (write the file with numpy.save)");
        }
    }
}
