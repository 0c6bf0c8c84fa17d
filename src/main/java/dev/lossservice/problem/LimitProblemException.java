package dev.lossservice.problem;

import java.util.Objects;
import org.springframework.http.ProblemDetail;

/**
 * A request that went over one of the service's configured limits. Its problem names the limit as
 * the API contract asks of every limit problem: {@code limit}, the property as in {@code
 * loss-service.limits.<name>}, and {@code limitValue}, its configured value; the status is the
 * problem type's.
 */
public abstract class LimitProblemException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final String limitName;
    private final long limit;

    /**
     * @param limitName the property that sets the limit, e.g. {@code max-request-body}
     * @param limit the configured value of the limit, in its unit (bytes or elements)
     * @param detail a sentence for the client saying what went over; must not quote the input
     * @throws NullPointerException if {@code limitName} or {@code detail} is null
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    protected LimitProblemException(ProblemType type, String limitName, long limit, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.type = type;
        this.limitName = Objects.requireNonNull(limitName, "limitName");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        this.limit = limit;
    }

    /**
     * The problem, with {@code instance} as {@link ProblemType#detail(String, String)} takes it:
     * for the servlet filters, which answer outside Spring MVC.
     */
    public ProblemDetail problem(String instance) {
        ProblemDetail problem = type.detail(getMessage(), instance);
        problem.setProperty("limit", limitName);
        problem.setProperty("limitValue", limit);
        return problem;
    }

    @Override
    ProblemDetail problem() {
        return problem(null);
    }

    /** The name of the limit, as in {@code loss-service.limits.<name>}. */
    public String limitName() {
        return limitName;
    }

    /** The configured value of the limit. */
    public long limit() {
        return limit;
    }

    /** The client-facing explanation. */
    public String detail() {
        return getMessage();
    }
}
