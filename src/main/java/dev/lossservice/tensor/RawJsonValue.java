package dev.lossservice.tensor;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;

/**
 * Text that goes out through {@link JsonGenerator#writeRawValue(SerializableString)}: a JSON value,
 * never a string's content, so the generator only ever asks for its unquoted forms. Subclasses
 * supply those; the quoted ones are refused here, once for all of them.
 */
abstract class RawJsonValue implements SerializableString {

    @Override
    public final char[] asQuotedChars() {
        throw new UnsupportedOperationException("a raw JSON value is never quoted");
    }

    @Override
    public final byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException("a raw JSON value is never quoted");
    }

    @Override
    public final int appendQuotedUTF8(byte[] buffer, int offset) {
        throw new UnsupportedOperationException("a raw JSON value is never quoted");
    }

    @Override
    public final int appendQuoted(char[] buffer, int offset) {
        throw new UnsupportedOperationException("a raw JSON value is never quoted");
    }

    @Override
    public final int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException("a raw JSON value is never quoted");
    }

    @Override
    public final int putQuotedUTF8(ByteBuffer buffer) {
        throw new UnsupportedOperationException("a raw JSON value is never quoted");
    }
}
