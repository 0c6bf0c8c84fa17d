package dev.lossservice.problem;

/**
 * A result that is not a finite double although every input was: finite inputs of huge magnitude (a
 * weight of 1e308, say) can overflow. Answered with 422, never with an {@code Infinity} in the
 * JSON.
 */
public final class NonFiniteResultException extends RuntimeException {

    private final String quantity;

    /**
     * @param quantity the output that overflowed, as named in the response ({@code "lossSum"})
     */
    public NonFiniteResultException(String quantity) {
        super(quantity + " is not finite", null, false, false);
        this.quantity = quantity;
    }

    String quantity() {
        return quantity;
    }
}
