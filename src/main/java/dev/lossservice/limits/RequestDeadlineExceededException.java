package dev.lossservice.limits;

import java.util.Objects;

/**
 * A request took longer than the service allows: past its per-request deadline, or idle longer than
 * the connection timeout while its body was awaited. Answered with {@code 408 Request Timeout} as a
 * problem detail.
 */
public final class RequestDeadlineExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param detail a client-facing sentence naming the limit that was passed
     * @throws NullPointerException if {@code detail} is null
     */
    public RequestDeadlineExceededException(String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
    }

    /** The client-facing explanation. */
    public String detail() {
        return getMessage();
    }
}
