package dev.lossservice.problem;

import java.util.Objects;
import org.springframework.http.ProblemDetail;

/**
 * A request asked for {@code ?explain=true} with an input larger than the explain cap. Answered
 * with 400 as a problem that names the limit and its value, as a crossed size limit is.
 */
public final class TooLargeToExplainException extends ProblemException {

    private final String limitName;
    private final long limit;

    /**
     * @param limitName the property that sets the limit, as in {@code loss-service.limits.<name>}
     * @param limit its configured value
     * @param detail the client-facing sentence; must not quote the input
     */
    public TooLargeToExplainException(String limitName, long limit, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.limitName = Objects.requireNonNull(limitName, "limitName");
        this.limit = limit;
    }

    @Override
    ProblemDetail problem() {
        ProblemDetail problem = ProblemType.TOO_LARGE_TO_EXPLAIN.detail(getMessage(), null);
        problem.setProperty("limit", limitName);
        problem.setProperty("limitValue", limit);
        return problem;
    }
}
