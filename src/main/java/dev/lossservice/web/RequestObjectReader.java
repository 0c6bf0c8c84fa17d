package dev.lossservice.web;

import dev.lossservice.core.Reduction;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one request object from a token stream: walks its fields, rejects unknown and duplicate
 * ones, hands each known field to the subclass, then lets the subclass check the rules that involve
 * several fields. One instance reads one body; it holds the fields read so far.
 *
 * @param <T> the request record
 */
abstract class RequestObjectReader<T> {

    /** Longest field name quoted back in a pointer; longer names are cut, never echoed whole. */
    private static final int MAX_QUOTED_NAME = 64;

    protected final JsonValueReader values;
    protected final FieldProblems problems;
    private final JsonParser parser;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> present = new HashSet<>();

    RequestObjectReader(JsonParser parser, FieldProblems problems, long maxElements) {
        this.parser = parser;
        this.problems = problems;
        this.values = new JsonValueReader(parser, problems, maxElements);
    }

    /**
     * Reads the value of one field, at the parser's current token.
     *
     * @return false if this request has no such field
     */
    protected abstract boolean readField(String name, String pointer);

    /** Checks the rules between fields and builds the request; called once all fields are read. */
    protected abstract T build();

    /**
     * @throws InvalidRequestException if the body breaks the contract
     * @throws tools.jackson.core.JacksonException if the body is not JSON
     */
    final T read() {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) {
            throw InvalidRequestException.of(
                    "",
                    "the request body must be a JSON object, not "
                            + (token == null ? "empty" : JsonValueReader.describe(token)));
        }
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken valueToken = parser.nextToken();
            String pointer = "/" + escape(name);
            if (!seen.add(name)) {
                problems.add(pointer, "appears more than once");
                parser.skipChildren();
                continue;
            }
            if (valueToken != JsonToken.VALUE_NULL) {
                present.add(name);
            }
            if (!readField(name, pointer)) {
                present.remove(name);
                problems.add(pointer, "is not a field of this request");
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            throw InvalidRequestException.of(
                    "", "the request body must hold one JSON object and nothing after it");
        }
        T request = build();
        problems.throwIfAny();
        return request;
    }

    /** Whether the body gave this field a value other than null. */
    protected final boolean isPresent(String name) {
        return present.contains(name);
    }

    protected final void require(String name, String what) {
        if (!isPresent(name)) {
            problems.add("/" + name, "is required: " + what);
        }
    }

    protected final void requireExactlyOne(String first, String second) {
        boolean hasFirst = isPresent(first);
        boolean hasSecond = isPresent(second);
        if (hasFirst && hasSecond) {
            problems.add("/" + second, "give either " + first + " or " + second + ", not both");
        } else if (!hasFirst && !hasSecond) {
            problems.add("/" + first, "one of " + first + " or " + second + " is required");
        }
    }

    /** Reads {@code "mean"}, {@code "sum"} or {@code "none"}; null when absent or invalid. */
    protected final Reduction readReduction(String pointer) {
        String text = values.readString(pointer);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "mean" -> Reduction.MEAN;
            case "sum" -> Reduction.SUM;
            case "none" -> Reduction.NONE;
            default -> {
                problems.add(pointer, "must be one of \"mean\", \"sum\", \"none\"");
                yield null;
            }
        };
    }

    /**
     * Checks class indices against the number of classes: each in {@code [0, classes)} or equal to
     * {@code ignoreIndex} (pass null where no index is ignored).
     */
    protected final void checkClassIndices(
            String pointer, int[] target, int rows, int classes, Integer ignoreIndex) {
        if (target.length != rows) {
            problems.add(
                    pointer,
                    "has " + target.length + " class indices, but the input has " + rows + " rows");
            return;
        }
        for (int n = 0; n < target.length; n++) {
            int t = target[n];
            if ((t < 0 || t >= classes) && (ignoreIndex == null || t != ignoreIndex)) {
                problems.add(
                        pointer + "/" + n,
                        "must be a class index in [0, "
                                + classes
                                + ")"
                                + (ignoreIndex == null ? "" : " or ignoreIndex " + ignoreIndex));
            }
        }
    }

    /** RFC 6901 escaping of one reference token, cut to a length that cannot echo much input. */
    static String escape(String name) {
        String quoted =
                name.length() > MAX_QUOTED_NAME ? name.substring(0, MAX_QUOTED_NAME) + "..." : name;
        return quoted.replace("~", "~0").replace("/", "~1");
    }
}
