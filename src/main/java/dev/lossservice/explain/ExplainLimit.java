package dev.lossservice.explain;

import dev.lossservice.problem.TooLargeToExplainException;
import dev.lossservice.tensor.Tensor;

/**
 * The most elements an explained request's input may hold ({@code
 * loss-service.limits.max-explain-elements}). Every step repeats the input's size or less, about
 * ten of them, so this bounds the answer at about ten times the cap in numbers; a larger request is
 * refused with 400 rather than answered with megabytes nobody reads.
 *
 * @param maxElements the cap, at least 1
 */
public record ExplainLimit(long maxElements) {

    /** The property that sets the cap, as the problem names it. */
    public static final String PROPERTY = "max-explain-elements";

    /**
     * @throws IllegalArgumentException if {@code maxElements} is below 1
     */
    public ExplainLimit {
        if (maxElements < 1) {
            throw new IllegalArgumentException(
                    PROPERTY + " must be at least 1, got " + maxElements);
        }
    }

    /**
     * @param field the input's JSON name, e.g. {@code logits}
     * @throws TooLargeToExplainException if the input holds more than {@link #maxElements()}
     */
    public void check(String field, Tensor input) {
        long elements = input.values().length;
        if (elements > maxElements) {
            throw new TooLargeToExplainException(
                    PROPERTY,
                    maxElements,
                    "explain=true answers inputs of at most "
                            + maxElements
                            + " elements (the limit "
                            + PROPERTY
                            + "); "
                            + field
                            + " holds "
                            + elements
                            + ". Send a smaller batch to see the steps, or leave out explain.");
        }
    }
}
