package dev.lossservice.request;

import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Puts a request reader on the servlet path for one media type: {@link JsonRequestReader} for
 * {@code application/json}, {@link MultipartRequestReader} for {@code multipart/form-data}. It
 * reads request records and writes nothing, so responses always go through Spring's own Jackson
 * converter with the application's mapper. The readers know nothing of Spring: this is the one
 * place that takes a body and its headers out of an {@link HttpInputMessage}.
 */
final class RequestRecordConverter extends AbstractHttpMessageConverter<Object> {

    /** How a body of the converter's media type becomes a request record. */
    @FunctionalInterface
    private interface BodyReader {
        Object read(Class<?> type, HttpInputMessage message) throws IOException;
    }

    private final BodyReader reader;

    private RequestRecordConverter(MediaType mediaType, BodyReader reader) {
        super(mediaType);
        this.reader = reader;
    }

    static RequestRecordConverter json(JsonRequestReader reader) {
        return new RequestRecordConverter(
                MediaType.APPLICATION_JSON,
                (type, message) -> reader.read(type, message.getBody()));
    }

    /**
     * Spring's own multipart support is off ({@code spring.servlet.multipart.enabled=false}), so
     * the container never parses, let alone spools, the parts: the reader gets the raw body.
     */
    static RequestRecordConverter multipart(MultipartRequestReader reader) {
        return new RequestRecordConverter(
                MediaType.MULTIPART_FORM_DATA,
                (type, message) -> {
                    MediaType contentType = message.getHeaders().getContentType();
                    return reader.read(
                            type,
                            message.getBody(),
                            contentType == null ? null : contentType.getParameter("boundary"),
                            message.getHeaders().getContentLength());
                });
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
        return reader.read(type, message);
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage message) {
        throw new UnsupportedOperationException("reads requests only");
    }
}
