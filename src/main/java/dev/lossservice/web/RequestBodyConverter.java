package dev.lossservice.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Reads the four request records from {@code application/json} with {@link JsonValueReader}, so
 * that tensors go from bytes to {@code double[]} in one pass with every check done on the way. The
 * request records have no Jackson binding at all: this converter is the only way in, and it reads
 * nothing else (responses are written by Spring's Jackson converter).
 */
final class RequestBodyConverter extends AbstractHttpMessageConverter<Object> {

    /** Reads one body into one request record, adding what it finds wrong to {@code problems}. */
    private interface BodyReader {
        Object read(JsonParser parser, FieldProblems problems, long maxElements);
    }

    private static final Map<Class<?>, BodyReader> READERS =
            Map.of(
                    CrossEntropyRequest.class,
                    (parser, problems, max) ->
                            new CrossEntropyRequestReader(parser, problems, max).read(),
                    NllRequest.class,
                    (parser, problems, max) -> new NllRequestReader(parser, problems, max).read(),
                    BceRequest.class,
                    (parser, problems, max) -> new BceRequestReader(parser, problems, max).read(),
                    SoftmaxRequest.class,
                    (parser, problems, max) ->
                            new SoftmaxRequestReader(parser, problems, max).read());

    /**
     * {@code NaN} and {@code Infinity} tokens are let through the parser so that {@link
     * JsonValueReader} rejects them naming the field and index, as the contract asks, rather than
     * as a bare syntax error.
     */
    private final JsonFactory factory =
            JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build();

    private final LossServiceProperties properties;

    RequestBodyConverter(LossServiceProperties properties) {
        super(MediaType.APPLICATION_JSON);
        this.properties = properties;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return READERS.containsKey(type);
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage message) throws IOException {
        return read(type, message.getBody());
    }

    /**
     * Reads one request record from a JSON stream.
     *
     * @throws InvalidRequestException if the JSON breaks the contract
     * @throws MalformedJsonException if the stream is not JSON
     * @throws TooManyElementsException if it holds more numbers than allowed
     */
    Object read(Class<?> type, InputStream body) {
        BodyReader reader = READERS.get(type);
        FieldProblems problems = new FieldProblems(properties.maxFieldProblems());
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), body)) {
            return reader.read(parser, problems, properties.maxElements());
        } catch (JacksonException e) {
            // Includes a stream that broke off mid-body (JacksonIOException): for the answer, that
            // too is a body that is not complete JSON. The parser's message is not passed on, as it
            // may quote the input.
            TokenStreamLocation location = e.getLocation();
            throw location == null
                    ? new MalformedJsonException(-1, -1)
                    : new MalformedJsonException(location.getLineNr(), location.getColumnNr());
        }
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage message) {
        throw new UnsupportedOperationException("reads requests only");
    }
}
