package dev.lossservice.problem;

import org.springframework.http.ProblemDetail;

/**
 * An exception of the request layer that knows the problem detail it is answered with: its type and
 * a detail sentence written here, never copied from the input or a parser message. {@link
 * ProblemDetailsAdvice} answers every one of them with one handler; the subclasses live in this
 * package, beside the {@link ProblemType} registry they draw on.
 */
public abstract class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message for the log only; never holds input
     */
    ProblemException(String message) {
        super(message, null, false, false);
    }

    /** The answer, without its {@code instance}, which the advice fills in from the request. */
    abstract ProblemDetail problem();
}
