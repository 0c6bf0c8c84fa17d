package dev.lossservice.tensor;

import dev.lossservice.problem.FieldProblems;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/**
 * Streams one JSON tensor, nested arrays of numbers (or a bare number where the field takes rank
 * 0), from Jackson's tokens into a flat {@code double[]}, or into an {@code int[]} for class
 * indices, with no boxed number and no intermediate tree (the model is Jackson's own {@code
 * PrimitiveArrayDeserializers}). In the same pass it checks everything the API contract asks of an
 * input tensor: the rank, rectangular, not empty (unless the field takes an empty batch, {@code
 * []}), only finite numbers (a literal such as {@code 1e400} parses to infinity, and the parser
 * lets {@code NaN} tokens through so that they can be named here), integers only for class indices,
 * a per-element {@link ValueRule}, and the element limits, which count every number whatever the
 * rank.
 *
 * <p>Each problem is added to {@link FieldProblems} with the JSON Pointer of the offending element,
 * e.g. {@code /logits/1/3}, and reading goes on, so one answer can list several problems; the
 * tensor is then null. One instance reads one value.
 */
final class TensorReader {

    /**
     * First capacity of a tensor's buffer, which doubles as it fills: small, since a request's
     * tensors are often a dozen numbers and the buffer is allocated (zeroed) per tensor; a million
     * numbers cost the same copying from here as from a larger start.
     */
    static final int INITIAL_CAPACITY = 16;

    private final JsonParser parser;
    private final FieldProblems problems;
    private final ElementCount count;
    private final int minRank;
    private final int maxRank;
    private final ValueRule rule;
    private final boolean emptyBatch;
    private final boolean emptyDimensions;
    private final boolean integers;

    /** The member or element that holds the tensor; its pointer is made when a problem needs it. */
    private final TokenStreamContext place;

    private String pointer;

    private final Supplier<String> pointerOnDemand = this::pointer;

    /** Index of the current element at each nesting level, for pointers. */
    private final int[] index;

    /** Length of the first complete array at each level, which every other must match. */
    private final int[] shape;

    private int rank;
    private boolean tooDeepReported;
    private double[] buffer;
    private int[] indexBuffer;
    private int size;

    /**
     * @param rules the field's ranks, emptiness and value rule ({@link TensorShape})
     * @param integers whether the elements are class indices (integer tokens in the range of an
     *     {@code int}) rather than numbers
     */
    TensorReader(
            JsonParser parser,
            FieldProblems problems,
            ElementCount count,
            ShapeRules rules,
            boolean integers) {
        this.parser = parser;
        this.problems = problems;
        this.count = count;
        this.minRank = rules.minRank();
        this.maxRank = rules.maxRank();
        this.rule = rules.values();
        this.emptyBatch = rules.emptyBatch();
        this.emptyDimensions = rules.emptyDimensions();
        this.integers = integers;
        this.place = placeOfCurrentValue(parser);
        this.index = new int[Math.max(maxRank, 1)];
        this.shape = new int[Math.max(maxRank, 1)];
        Arrays.fill(shape, -1);
        if (integers) {
            indexBuffer = new int[INITIAL_CAPACITY];
        } else {
            buffer = new double[INITIAL_CAPACITY];
        }
        // With a fixed rank every level's kind is known; otherwise the first number decides.
        this.rank = minRank == maxRank ? minRank : -1;
    }

    /** Reads a tensor of numbers at the parser's current token; null if it had a problem. */
    Tensor read() {
        if (!readValue()) {
            return null;
        }
        double[] values = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        return new Tensor(values, dimensions());
    }

    /** Reads a tensor of class indices at the parser's current token; null if it had a problem. */
    ClassIndices readIndices() {
        if (!readValue()) {
            return null;
        }
        int[] values = size == indexBuffer.length ? indexBuffer : Arrays.copyOf(indexBuffer, size);
        return new ClassIndices(values, dimensions());
    }

    /** Reads the value; leaves the parser on its last token. Whether it had no problem. */
    private boolean readValue() {
        JsonToken token = parser.currentToken();
        int problemsBefore = problems.count();
        if (token != JsonToken.START_ARRAY) {
            if (minRank == 0 && token != null && token.isScalarValue()) {
                rank = 0;
                readNumber(token, -1);
            } else {
                problems.add(pointer(), "must be " + describeArray() + ", not " + describe(token));
                parser.skipChildren();
                return false;
            }
        } else {
            readArray(0);
        }
        return problems.count() == problemsBefore;
    }

    private int[] dimensions() {
        int[] dimensions = Arrays.copyOf(shape, rank);
        // An empty batch carries no shape after its first dimension (JSON cannot): those are 0.
        for (int d = 0; d < dimensions.length; d++) {
            if (dimensions[d] < 0) {
                dimensions[d] = 0;
            }
        }
        return dimensions;
    }

    /**
     * Reads the elements of the array that starts at the current token, at nesting {@code level}.
     */
    private void readArray(int level) {
        int length = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            index[level] = length;
            if (rank < 0) {
                // Rank not yet known: this is the first element at this level.
                boolean nested = token == JsonToken.START_ARRAY && level + 1 < maxRank;
                rank = nested ? -1 : Math.max(minRank, level + 1);
            }
            if (rank < 0) {
                readArray(level + 1);
            } else if (level == rank - 1) {
                if (token == JsonToken.START_ARRAY && rank == maxRank && maxRank > 2) {
                    tooDeep(level);
                } else {
                    readNumber(token, level);
                }
            } else if (token == JsonToken.START_ARRAY) {
                readArray(level + 1);
            } else {
                problems.add(
                        pointerAt(level),
                        "must be "
                                + describeNesting(rank - level - 1)
                                + ", not "
                                + describe(token));
                parser.skipChildren();
            }
            length++;
        }
        if (rank < 0) {
            // An empty array before any number: it holds at least one more level.
            rank = Math.min(maxRank, Math.max(minRank, level + 1));
        }
        if (length == 0 && !emptyDimensions && !(emptyBatch && level == 0)) {
            problems.add(pointerAt(level - 1), "must not be empty");
        } else if (shape[level] < 0) {
            shape[level] = length;
        } else if (length != shape[level]) {
            problems.add(
                    pointerAt(level - 1),
                    "has "
                            + length
                            + (level == rank - 1 ? " numbers" : " arrays")
                            + ", but earlier "
                            + (level == rank - 1 ? "rows" : "arrays")
                            + " have "
                            + shape[level]
                            + ": arrays must be rectangular");
        }
    }

    /** An array where the field's rank limit leaves only numbers: reported once per tensor. */
    private void tooDeep(int level) {
        if (!tooDeepReported) {
            tooDeepReported = true;
            problems.add(
                    pointer(),
                    "nests arrays deeper than "
                            + maxRank
                            + " levels (at "
                            + pointerAt(level)
                            + "): "
                            + maxRank
                            + " dimensions is the most this field takes");
        }
        parser.skipChildren();
    }

    private void readNumber(JsonToken token, int level) {
        count.countOne();
        String at = level < 0 ? pointer() : null;
        if (integers) {
            if (size == indexBuffer.length) {
                indexBuffer = Arrays.copyOf(indexBuffer, grownCapacity(size));
            }
            if (token == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() == JsonParser.NumberType.INT) {
                indexBuffer[size++] = parser.getIntValue();
            } else {
                // Only here is the element's pointer needed, to name its problem.
                Integer value =
                        TensorJsonModule.readInteger(
                                parser, problems, at != null ? at : pointerAt(level));
                indexBuffer[size++] = value == null ? 0 : value;
            }
            count.checkTensor(pointerOnDemand, size);
            return;
        }
        double value = 0;
        if (!token.isNumeric()) {
            problems.add(
                    at != null ? at : pointerAt(level), "must be a number, not " + describe(token));
            parser.skipChildren();
        } else {
            value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                problems.add(at != null ? at : pointerAt(level), "must be a finite number");
            } else if (!rule.accepts(value)) {
                problems.add(at != null ? at : pointerAt(level), rule.detail());
            }
        }
        if (size == buffer.length) {
            buffer = Arrays.copyOf(buffer, grownCapacity(size));
        }
        buffer[size++] = value;
        count.checkTensor(pointerOnDemand, size);
    }

    /**
     * The JSON Pointer of the tensor, e.g. {@code /logits}; asked only while the tensor is read,
     * when its place still holds its name.
     */
    private String pointer() {
        if (pointer == null) {
            pointer = pointerOf(place);
        }
        return pointer;
    }

    /** The pointer of the element at {@code index[0..level]}; the tensor itself for -1. */
    private String pointerAt(int level) {
        StringBuilder text = new StringBuilder(pointer());
        for (int i = 0; i <= level; i++) {
            text.append('/').append(index[i]);
        }
        return text.toString();
    }

    private String describeArray() {
        String element = integers ? "integers" : "numbers";
        if (minRank == maxRank) {
            return describeNesting(minRank, element);
        }
        StringBuilder text = new StringBuilder();
        int from = Math.max(minRank, 1);
        if (minRank == 0) {
            text.append(describeNesting(0, element)).append(" or ");
        }
        if (maxRank > 2) {
            // "an array of numbers or an array of arrays of numbers or ..." would not end.
            return text.append("nested arrays of ").append(element).toString();
        }
        for (int r = from; r <= maxRank; r++) {
            text.append(r > from ? " or " : "").append(describeNesting(r, element));
        }
        return text.toString();
    }

    /** {@code "a number"}, {@code "an array of numbers"}, {@code "an array of arrays of ..."}. */
    static String describeNesting(int depth) {
        return describeNesting(depth, "numbers");
    }

    private static String describeNesting(int depth, String element) {
        if (depth == 0) {
            return element.equals("numbers") ? "a number" : "an integer";
        }
        return "an array of " + "arrays of ".repeat(depth - 1) + element;
    }

    /** How a client would name the kind of value a token starts. */
    static String describe(JsonToken token) {
        if (token == null) {
            return "empty";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> "a " + token.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The JSON Pointer of the value at the parser's current token, e.g. {@code /logits}: for an
     * array, the parser has already entered it, so its place is in the enclosing context.
     */
    static String pointerOfCurrentValue(JsonParser parser) {
        return pointerOf(placeOfCurrentValue(parser));
    }

    /** The context that names the value at the parser's current token. */
    private static TokenStreamContext placeOfCurrentValue(JsonParser parser) {
        TokenStreamContext context = parser.streamReadContext();
        if (parser.currentToken() == JsonToken.START_ARRAY
                || parser.currentToken() == JsonToken.START_OBJECT) {
            context = context.getParent();
        }
        return context;
    }

    private static String pointerOf(TokenStreamContext place) {
        return place == null ? "" : place.pathAsPointer().toString();
    }

    private static int grownCapacity(int size) {
        // Element counts are capped far below this by the element limits; the guard is for the
        // arithmetic.
        if (size >= Integer.MAX_VALUE / 2) {
            return Integer.MAX_VALUE - 8;
        }
        return size * 2;
    }
}
