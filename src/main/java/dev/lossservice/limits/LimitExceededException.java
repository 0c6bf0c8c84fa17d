package dev.lossservice.limits;

import dev.lossservice.problem.LimitProblemException;
import dev.lossservice.problem.ProblemType;

/**
 * A request went over one of the service's configured limits (body size, elements per tensor,
 * elements per request). Answered with {@code 413 Content Too Large} as a problem detail that names
 * the limit and its value.
 *
 * <p>Thrown by the body-size filter and by the streaming request reader while it parses, so that
 * the work stops as soon as the limit is crossed, not after the whole request has been read.
 */
public final class LimitExceededException extends LimitProblemException {

    private static final long serialVersionUID = 1L;

    /**
     * @param limitName the property that sets the limit, e.g. {@code max-request-body}
     * @param limit the configured value of the limit, in its unit (bytes or elements)
     * @param detail a sentence for the client saying what went over; must not quote the input
     * @throws NullPointerException if {@code limitName} or {@code detail} is null
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public LimitExceededException(String limitName, long limit, String detail) {
        super(ProblemType.LIMIT_EXCEEDED, limitName, limit, detail);
    }
}
