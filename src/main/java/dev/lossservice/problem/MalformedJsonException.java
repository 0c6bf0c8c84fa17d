package dev.lossservice.problem;

import org.springframework.http.ProblemDetail;

/**
 * A request body that is not JSON, or that a JSON parser limit (number length, nesting depth)
 * rejects. Carries only the position, never the offending text, so that nothing of the input is
 * echoed back.
 */
public final class MalformedJsonException extends ProblemException {

    private final String location;

    /**
     * @param line 1-based line of the problem, or -1 when unknown
     * @param column 1-based column of the problem, or -1 when unknown
     */
    public MalformedJsonException(int line, int column) {
        super("malformed JSON at line " + line + ", column " + column);
        this.location = line > 0 ? " (line " + line + ", column " + column + ")" : "";
    }

    /** Where the parser stopped, as {@code " (line 3, column 7)"}; empty when unknown. */
    public String location() {
        return location;
    }

    @Override
    ProblemDetail problem() {
        return ProblemType.MALFORMED_JSON.detail(
                "The request body is not valid JSON, or exceeds a parser limit on number"
                        + " length or nesting depth"
                        + location
                        + ".",
                null);
    }
}
