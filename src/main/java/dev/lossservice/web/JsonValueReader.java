package dev.lossservice.web;

import dev.lossservice.core.Matrix;
import java.util.Arrays;
import java.util.Locale;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the values of a request body straight from Jackson's token stream into {@code double[]} and
 * {@code int[]}, with no boxed number and no intermediate tree, checking in the same pass
 * everything the API contract asks of an input array: rectangular, not empty, only finite numbers
 * (a literal such as {@code 1e400} parses to infinity, and the factory lets {@code NaN} tokens
 * through so that they can be named here), integers where class indices belong, and a per-element
 * value rule.
 *
 * <p>Each method starts at the parser's current token (the field's value) and leaves the parser on
 * the last token of that value. A problem is added to {@link FieldProblems} with the JSON Pointer
 * of the offending element, and the method returns null; reading continues, so one answer can list
 * several problems. A JSON {@code null} value returns null without a problem: an optional field
 * given as null is treated as absent.
 */
final class JsonValueReader {

    /** What each number of an array must satisfy besides being finite. */
    enum ValueRule {
        ANY(""),
        UNIT_INTERVAL("must be in [0, 1]"),
        NON_NEGATIVE("must be >= 0");

        private final String detail;

        ValueRule(String detail) {
            this.detail = detail;
        }

        boolean accepts(double value) {
            return switch (this) {
                case ANY -> true;
                case UNIT_INTERVAL -> value >= 0 && value <= 1;
                case NON_NEGATIVE -> value >= 0;
            };
        }
    }

    private static final int INITIAL_CAPACITY = 1024;

    private final JsonParser parser;
    private final FieldProblems problems;
    private final long maxElements;
    private long elementsRead;

    JsonValueReader(JsonParser parser, FieldProblems problems, long maxElements) {
        this.parser = parser;
        this.problems = problems;
        this.maxElements = maxElements;
    }

    /** An N x C array of numbers. */
    Matrix readMatrix(String pointer, ValueRule rule) {
        Tensor tensor = readTensor(pointer, 2, 2, rule);
        return tensor == null ? null : tensor.toMatrix();
    }

    /** An array of numbers. */
    double[] readVector(String pointer, ValueRule rule) {
        Tensor tensor = readTensor(pointer, 1, 1, rule);
        return tensor == null ? null : tensor.values();
    }

    /**
     * An array of numbers or an array of arrays of numbers, of a rank between {@code minRank} and
     * {@code maxRank} (1 or 2); where both are allowed, the first element decides.
     */
    Tensor readTensor(String pointer, int minRank, int maxRank, ValueRule rule) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            problems.add(
                    pointer,
                    "must be " + describeArray(minRank, maxRank) + ", not " + describe(token));
            parser.skipChildren();
            return null;
        }
        int problemsBefore = problems.count();
        double[] buffer = new double[INITIAL_CAPACITY];
        int size = 0;
        int rank = 0;
        int rows = 0;
        int columns = -1;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (rank == 0) {
                rank = token == JsonToken.START_ARRAY && maxRank == 2 || minRank == 2 ? 2 : 1;
            }
            if (rank == 1) {
                buffer = ensureCapacity(buffer, size);
                buffer[size] = readElement(token, rule, pointer, rows, -1);
                size++;
            } else if (token != JsonToken.START_ARRAY) {
                problems.add(
                        pointer + "/" + rows,
                        "must be an array of numbers, not " + describe(token));
                parser.skipChildren();
            } else {
                int length = 0;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    buffer = ensureCapacity(buffer, size);
                    buffer[size] = readElement(token, rule, pointer, rows, length);
                    size++;
                    length++;
                }
                if (length == 0) {
                    problems.add(pointer + "/" + rows, "must not be empty");
                } else if (columns < 0) {
                    columns = length;
                } else if (length != columns) {
                    problems.add(
                            pointer + "/" + rows,
                            "has "
                                    + length
                                    + " numbers, but earlier rows have "
                                    + columns
                                    + ": arrays must be rectangular");
                }
            }
            rows++;
        }
        if (rows == 0) {
            problems.add(pointer, "must not be empty");
        }
        if (problems.count() > problemsBefore) {
            return null;
        }
        double[] values = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        return new Tensor(values, rank == 2 ? new int[] {rows, columns} : new int[] {rows});
    }

    /**
     * An array of class indices: integer tokens only, since {@code 1.5} or {@code 1.0} as a class
     * is a client bug better reported than rounded.
     */
    int[] readIndices(String pointer) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            problems.add(pointer, "must be an array of integers, not " + describe(token));
            parser.skipChildren();
            return null;
        }
        int problemsBefore = problems.count();
        int[] buffer = new int[INITIAL_CAPACITY];
        int size = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            countElement();
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, grownCapacity(size));
            }
            Integer index = integerOrProblem(token, pointer + "/" + size);
            buffer[size] = index == null ? 0 : index;
            size++;
        }
        if (size == 0) {
            problems.add(pointer, "must not be empty");
        }
        if (problems.count() > problemsBefore) {
            return null;
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    /** A single finite number. */
    Double readNumber(String pointer) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isNumeric()) {
            problems.add(pointer, "must be a number, not " + describe(token));
            parser.skipChildren();
            return null;
        }
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            problems.add(pointer, "must be a finite number");
            return null;
        }
        return value;
    }

    /** A single integer in the range of a Java {@code int}. */
    Integer readInteger(String pointer) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return integerOrProblem(token, pointer);
    }

    /** A single string. */
    String readString(String pointer) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            problems.add(pointer, "must be a string, not " + describe(token));
            parser.skipChildren();
            return null;
        }
        return parser.getString();
    }

    /** How a client would name the kind of value a token starts. */
    static String describe(JsonToken token) {
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

    private double readElement(
            JsonToken token, ValueRule rule, String pointer, int row, int column) {
        countElement();
        if (!token.isNumeric()) {
            problems.add(
                    elementPointer(pointer, row, column),
                    "must be a number, not " + describe(token));
            parser.skipChildren();
            return 0;
        }
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            problems.add(elementPointer(pointer, row, column), "must be a finite number");
        } else if (!rule.accepts(value)) {
            problems.add(elementPointer(pointer, row, column), rule.detail);
        }
        return value;
    }

    private Integer integerOrProblem(JsonToken token, String pointer) {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.INT) {
                return parser.getIntValue();
            }
            problems.add(pointer, "is out of range");
            return null;
        }
        problems.add(
                pointer,
                token == JsonToken.VALUE_NUMBER_FLOAT
                        ? "must be an integer"
                        : "must be an integer, not " + describe(token));
        parser.skipChildren();
        return null;
    }

    private void countElement() {
        if (++elementsRead > maxElements) {
            throw new TooManyElementsException(maxElements);
        }
    }

    private static double[] ensureCapacity(double[] buffer, int size) {
        return size < buffer.length ? buffer : Arrays.copyOf(buffer, grownCapacity(size));
    }

    private static int grownCapacity(int size) {
        // Element counts are capped far below this by maxElements; the guard is for the arithmetic.
        if (size >= Integer.MAX_VALUE / 2) {
            return Integer.MAX_VALUE - 8;
        }
        return size * 2;
    }

    private static String elementPointer(String pointer, int row, int column) {
        return column < 0 ? pointer + "/" + row : pointer + "/" + row + "/" + column;
    }

    private static String describeArray(int minRank, int maxRank) {
        if (minRank == 2) {
            return "an array of arrays of numbers";
        }
        return maxRank == 2
                ? "an array of numbers or an array of arrays of numbers"
                : "an array of numbers";
    }
}
