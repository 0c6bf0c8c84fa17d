package dev.lossservice.request;

import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Puts {@link JsonRequestReader} on the servlet path for {@code application/json} request bodies.
 * Responses are written by Spring's own Jackson converter with the application's mapper.
 */
final class JsonRequestConverter extends AbstractHttpMessageConverter<Object> {

    private final JsonRequestReader reader;

    JsonRequestConverter(JsonRequestReader reader) {
        super(MediaType.APPLICATION_JSON);
        this.reader = reader;
    }

    /** Every request body of the service is a record; nothing else is read with this converter. */
    @Override
    protected boolean supports(Class<?> type) {
        return type.isRecord();
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage message) throws IOException {
        return reader.read(type, message.getBody());
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage message) {
        throw new UnsupportedOperationException("reads requests only");
    }
}
