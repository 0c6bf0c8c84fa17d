package dev.lossservice.tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.NumberOutput;
import tools.jackson.core.json.JsonGeneratorBase;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes a run of doubles as one JSON array, byte for byte what {@link
 * JsonGenerator#writeArray(double[], int, int)} writes, with far less work per number: with the
 * fast double writer (the application's setting) each number's text is made by {@link DoubleText}
 * straight into this buffer, and the whole array goes out as one raw value, where the generator
 * would make a {@code String} per number, check its context, copy the text into chars and encode
 * the chars back into bytes. A full 1024 x 1000 cross-entropy response holds two million doubles,
 * and writing them is most of its time.
 *
 * <p>Where the bytes could differ (a pretty printer, numbers written as strings, a value that is
 * not finite and is written by the generator's own rules) it falls back to {@code writeArray}. Only
 * the unquoted UTF-8 forms are used by a raw write ({@link RawJsonValue}).
 */
final class DoubleRowText extends RawJsonValue {

    /** Longest text of one double, e.g. {@code -2.2250738585072014E-308}, and a comma. */
    private static final int MAX_NUMBER_BYTES = DoubleText.MAX_LENGTH + 1;

    private final DoubleText doubleText = new DoubleText();
    private byte[] bytes = new byte[0];
    private int length;

    /** Writes {@code values[offset .. offset + count)} as a JSON array value. */
    void write(JsonGenerator generator, double[] values, int offset, int count) {
        if (!canWriteRaw(generator, values, offset, count)) {
            generator.writeArray(values, offset, count);
            return;
        }
        length = 0;
        ensureCapacity((long) count * MAX_NUMBER_BYTES + 2);
        bytes[length++] = '[';
        if (generator.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)) {
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    bytes[length++] = ',';
                }
                length = doubleText.write(values[offset + i], bytes, length);
            }
        } else {
            // The JDK's Double.toString, as Jackson writes it without the fast writer.
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    bytes[length++] = ',';
                }
                String text = NumberOutput.toString(values[offset + i], false);
                int textLength = text.length();
                ensureCapacity(length + textLength + 2L);
                // ASCII text: the deprecated byte-copying getBytes is exact here, and fastest.
                text.getBytes(0, textLength, bytes, length);
                length += textLength;
            }
        }
        bytes[length++] = ']';
        generator.writeRawValue(this);
    }

    private static boolean canWriteRaw(
            JsonGenerator generator, double[] values, int offset, int count) {
        if (generator.getPrettyPrinter() != null
                || !(generator instanceof JsonGeneratorBase json)
                || json.isEnabled(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)) {
            return false;
        }
        for (int i = offset; i < offset + count; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    private void ensureCapacity(long needed) {
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.toIntExact(Math.max(needed, 2L * bytes.length)));
        }
    }

    @Override
    public String getValue() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    @Override
    public int charLength() {
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (buffer.length - offset < length) {
            return -1;
        }
        System.arraycopy(bytes, 0, buffer, offset, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        if (buffer.length - offset < length) {
            return -1;
        }
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (char) bytes[i];
        }
        return length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(bytes, 0, length);
        return length;
    }
}
