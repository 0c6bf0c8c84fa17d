package dev.lossservice.request;

import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Puts {@link MultipartRequestReader} on the servlet path for {@code multipart/form-data} request
 * bodies: NumPy {@code .npy} parts and text parts, read into the same request records as JSON.
 * Spring's own multipart support is off ({@code spring.servlet.multipart.enabled=false}), so the
 * container never parses, let alone spools, the parts: this converter reads the raw body.
 */
final class MultipartRequestConverter extends AbstractHttpMessageConverter<Object> {

    private final MultipartRequestReader reader;

    MultipartRequestConverter(MultipartRequestReader reader) {
        super(MediaType.MULTIPART_FORM_DATA);
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
        MediaType contentType = message.getHeaders().getContentType();
        return reader.read(
                type,
                message.getBody(),
                contentType == null ? null : contentType.getParameter("boundary"),
                message.getHeaders().getContentLength());
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage message) {
        throw new UnsupportedOperationException("reads requests only");
    }
}
