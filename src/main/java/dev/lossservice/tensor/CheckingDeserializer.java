package dev.lossservice.tensor;

import dev.lossservice.limits.ElementLimits;
import dev.lossservice.problem.FieldProblems;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A deserializer that adds what it finds wrong to the request's {@link FieldProblems}, and counts
 * numbers with its {@link ElementCount}, both held in Jackson's per-call attributes by the
 * request's reader; it never throws for a bad value, so that one answer can name every problem of a
 * body. Outside a request (no such attributes) a problem throws at once.
 *
 * @param <T> what it reads; null where the value had a problem
 */
public abstract class CheckingDeserializer<T> extends ValueDeserializer<T> {

    /** Most problems kept when a value is read outside a request. */
    private static final int STANDALONE_PROBLEMS = 20;

    private static final ElementLimits UNLIMITED =
            new ElementLimits(Long.MAX_VALUE, Long.MAX_VALUE);

    @Override
    public final T deserialize(JsonParser parser, DeserializationContext context) {
        Object collected = context.getAttribute(FieldProblems.class);
        FieldProblems problems =
                collected instanceof FieldProblems known
                        ? known
                        : new FieldProblems(STANDALONE_PROBLEMS);
        Object counted = context.getAttribute(ElementCount.class);
        ElementCount count =
                counted instanceof ElementCount known ? known : new ElementCount(UNLIMITED);
        T value = read(parser, problems, count);
        if (collected == null) {
            problems.throwIfAny();
        }
        return value;
    }

    /**
     * Reads the value at the parser's current token and leaves the parser on its last token.
     *
     * @return the value, or null if it had a problem (added to {@code problems})
     */
    protected abstract T read(JsonParser parser, FieldProblems problems, ElementCount count);
}
