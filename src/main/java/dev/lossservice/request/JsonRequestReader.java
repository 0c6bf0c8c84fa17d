package dev.lossservice.request;

import dev.lossservice.limits.ElementLimits;
import dev.lossservice.limits.LimitExceededException;
import dev.lossservice.limits.RequestDeadlineExceededException;
import dev.lossservice.problem.FieldProblems;
import dev.lossservice.problem.InvalidRequestException;
import dev.lossservice.problem.MalformedJsonException;
import dev.lossservice.tensor.ElementCount;
import dev.lossservice.tensor.TensorJsonModule;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's JSON request reader: reads request records with Jackson data binding, the tensor
 * codec ({@link TensorJsonModule}) and strict scalars ({@link ScalarDeserializers}), collecting
 * every problem of the body in one {@link FieldProblems}: a field of the wrong kind, an unknown
 * field, a number that is not finite, and so on, each with its JSON Pointer. If the body had any,
 * the rules of the record's constraints are checked at once too ({@link RequestValidator}) and all
 * are answered together; otherwise {@code @Valid} checks them.
 *
 * <p>{@link RequestRecordConverter} puts it on the servlet path; it is public so that benchmarks
 * can time exactly what a request costs to read.
 */
public final class JsonRequestReader {

    /** An unknown member is one more problem; reading goes on past its value. */
    private static final DeserializationProblemHandler UNKNOWN_MEMBERS =
            new DeserializationProblemHandler() {
                @Override
                public boolean handleUnknownProperty(
                        DeserializationContext context,
                        JsonParser parser,
                        ValueDeserializer<?> deserializer,
                        Object beanOrClass,
                        String name) {
                    ((FieldProblems) context.getAttribute(FieldProblems.class))
                            .add(FieldProblems.pointerTo(name), "is not a field of this request");
                    parser.skipChildren();
                    return true;
                }
            };

    private final JsonMapper mapper;

    /** One reader per request type, made once: only the per-call attributes differ. */
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    private final LossServiceProperties properties;
    private final ElementLimits limits;
    private final RequestValidator validator;

    /**
     * @param mapper the application's mapper, with the tensor codec and the parser limits that Boot
     *     configured ({@code spring.jackson.factory.constraints.read.*})
     */
    public JsonRequestReader(
            JsonMapper mapper,
            LossServiceProperties properties,
            ElementLimits limits,
            jakarta.validation.ValidatorFactory validators) {
        this(mapper, properties, limits, new RequestValidator(validators, properties));
    }

    JsonRequestReader(
            JsonMapper mapper,
            LossServiceProperties properties,
            ElementLimits limits,
            RequestValidator validator) {
        this.mapper =
                mapper.rebuild()
                        .addModule(new ScalarDeserializers())
                        .addModule(new RecordCreators())
                        // NaN and Infinity tokens are let through the parser so that the readers
                        // reject them naming the field and index, not as a bare syntax error.
                        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                        // Our own exceptions (a crossed limit) must reach the advice as they are.
                        .disable(DeserializationFeature.WRAP_EXCEPTIONS)
                        // What follows the object is checked below, to name it as such.
                        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .build();
        this.properties = properties;
        this.limits = limits;
        this.validator = validator;
    }

    /**
     * Reads one request record from a JSON body.
     *
     * @throws InvalidRequestException if the body breaks the contract, with every problem found
     * @throws MalformedJsonException if the body is not JSON
     * @throws LimitExceededException if it holds more numbers than allowed
     */
    public <T> T read(Class<T> type, InputStream body) {
        FieldProblems problems = new FieldProblems(properties.maxFieldProblems());
        ObjectReader reader =
                readers.computeIfAbsent(type, t -> mapper.readerFor(t).withHandler(UNKNOWN_MEMBERS))
                        .withAttributes(
                                Map.of(
                                        FieldProblems.class,
                                        problems,
                                        ElementCount.class,
                                        new ElementCount(limits)));
        try (JsonParser parser = new DuplicateMembers(reader.createParser(body), problems)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw InvalidRequestException.of(
                        "",
                        "the request body must be a JSON object, not "
                                + TensorJsonModule.describe(first));
            }
            T request = reader.readValue(parser);
            if (parser.nextToken() != null) {
                throw InvalidRequestException.of(
                        "", "the request body must hold one JSON object and nothing after it");
            }
            if (!problems.isEmpty()) {
                validator.check(request, problems);
                problems.throwIfAny();
            }
            return request;
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    /**
     * A body that is not JSON, or broke off mid-way (JacksonIOException), unless a limit or the
     * deadline stopped it. The parser's message is not passed on, as it may quote the input.
     */
    private static RuntimeException malformed(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LimitExceededException
                    || cause instanceof RequestDeadlineExceededException
                    || cause instanceof InvalidRequestException) {
                return (RuntimeException) cause;
            }
        }
        TokenStreamLocation location = e.getLocation();
        return location == null
                ? new MalformedJsonException(-1, -1)
                : new MalformedJsonException(location.getLineNr(), location.getColumnNr());
    }
}
