package dev.lossservice.problem;

import org.springframework.http.ProblemDetail;

/**
 * A result that is not a finite double although every input was: finite inputs of huge magnitude (a
 * weight of 1e308, say) can overflow. Answered with 422, never with an {@code Infinity} in the
 * JSON.
 */
public final class NonFiniteResultException extends ProblemException {

    private final String quantity;

    /**
     * @param quantity the output that overflowed, as named in the response ({@code "lossSum"})
     */
    public NonFiniteResultException(String quantity) {
        super(quantity + " is not finite");
        this.quantity = quantity;
    }

    @Override
    ProblemDetail problem() {
        return ProblemType.NON_FINITE_RESULT.detail(
                "The result "
                        + quantity
                        + " is not finite in double precision: the inputs are finite but"
                        + " so large in magnitude that it overflows. Scale them down.",
                null);
    }
}
