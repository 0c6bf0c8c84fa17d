package dev.lossservice.problem;

/**
 * A request body that is not JSON, or that a JSON parser limit (number length, nesting depth)
 * rejects. Carries only the position, never the offending text, so that nothing of the input is
 * echoed back.
 */
public final class MalformedJsonException extends RuntimeException {

    private final int line;
    private final int column;

    /**
     * @param line 1-based line of the problem, or -1 when unknown
     * @param column 1-based column of the problem, or -1 when unknown
     */
    public MalformedJsonException(int line, int column) {
        super("malformed JSON at line " + line + ", column " + column, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
