package dev.lossservice.problem;

/**
 * A request asked for {@code ?explain=true} with an input larger than the explain cap. Answered
 * with 400 as a problem that names the limit and its value, as a crossed size limit is.
 */
public final class TooLargeToExplainException extends LimitProblemException {

    private static final long serialVersionUID = 1L;

    /**
     * @param limitName the property that sets the limit, as in {@code loss-service.limits.<name>}
     * @param limit its configured value
     * @param detail the client-facing sentence; must not quote the input
     */
    public TooLargeToExplainException(String limitName, long limit, String detail) {
        super(ProblemType.TOO_LARGE_TO_EXPLAIN, limitName, limit, detail);
    }
}
