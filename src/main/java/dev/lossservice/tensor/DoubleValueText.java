package dev.lossservice.tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonGeneratorBase;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes one {@code double} as a JSON number, byte for byte what {@link
 * JsonGenerator#writeNumber(double)} writes with the fast double writer, with its text made by
 * {@link DoubleText} straight into the generator's buffer: the generator would make a {@code
 * String} (and the objects behind it) per number, then copy and encode it. A seed-sized response
 * holds a dozen such numbers beside its rows.
 *
 * <p>As {@link DoubleRowText}, it leaves to the generator what could come out differently: a pretty
 * printer, numbers as strings, the JDK's writer, and values that are not finite.
 */
final class DoubleValueText extends RawJsonValue {

    private final double value;

    private DoubleValueText(double value) {
        this.value = value;
    }

    /** Writes {@code value} as a JSON number value. */
    static void write(JsonGenerator generator, double value) {
        if (Double.isFinite(value)
                && generator.getPrettyPrinter() == null
                && generator instanceof JsonGeneratorBase json
                && !json.isEnabled(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
                && json.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)) {
            generator.writeRawValue(new DoubleValueText(value));
        } else {
            generator.writeNumber(value);
        }
    }

    private byte[] text() {
        byte[] text = new byte[DoubleText.MAX_LENGTH];
        return Arrays.copyOf(text, new DoubleText().write(value, text, 0));
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (buffer.length - offset < DoubleText.MAX_LENGTH) {
            return -1;
        }
        return new DoubleText().write(value, buffer, offset) - offset;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return text();
    }

    @Override
    public String getValue() {
        return new String(text(), StandardCharsets.US_ASCII);
    }

    @Override
    public int charLength() {
        return text().length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        byte[] text = text();
        if (buffer.length - offset < text.length) {
            return -1;
        }
        for (int i = 0; i < text.length; i++) {
            buffer[offset + i] = (char) text[i];
        }
        return text.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        byte[] text = text();
        out.write(text);
        return text.length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        byte[] text = text();
        if (buffer.remaining() < text.length) {
            return -1;
        }
        buffer.put(text);
        return text.length;
    }
}
