package dev.lossservice.problem;

import java.util.Objects;

/**
 * A request asked for {@code ?explain=true} with an input larger than the explain cap. Answered
 * with 400 as a problem that names the limit and its value, as a crossed size limit is.
 */
public final class TooLargeToExplainException extends RuntimeException {

    private final String limitName;
    private final long limit;

    /**
     * @param limitName the property that sets the limit, as in {@code loss-service.limits.<name>}
     * @param limit its configured value
     * @param detail the client-facing sentence; must not quote the input
     */
    public TooLargeToExplainException(String limitName, long limit, String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.limitName = Objects.requireNonNull(limitName, "limitName");
        this.limit = limit;
    }

    String limitName() {
        return limitName;
    }

    long limit() {
        return limit;
    }

    String detail() {
        return getMessage();
    }
}
