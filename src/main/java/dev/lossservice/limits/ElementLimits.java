package dev.lossservice.limits;

/**
 * The element limits a streaming request reader checks while it parses: it calls {@link
 * #checkTensor} after each number of an array and {@link #checkRequest} after each number of the
 * body, so that reading stops at the first number over a limit, before the memory is spent.
 *
 * @param maxTensorElements most numbers in one array ({@code
 *     loss-service.limits.max-tensor-elements})
 * @param maxRequestElements most numbers in one body ({@code
 *     loss-service.limits.max-request-elements})
 */
public record ElementLimits(long maxTensorElements, long maxRequestElements) {

    static final String TENSOR_LIMIT = "max-tensor-elements";
    static final String REQUEST_LIMIT = "max-request-elements";

    /**
     * @throws IllegalArgumentException if a limit is below 1
     */
    public ElementLimits {
        if (maxTensorElements < 1 || maxRequestElements < 1) {
            throw new IllegalArgumentException(
                    "element limits must be >= 1, got "
                            + maxTensorElements
                            + " and "
                            + maxRequestElements);
        }
    }

    /**
     * @param pointer the JSON Pointer of the array, e.g. {@code /logits}
     * @param count numbers read so far in that array
     * @throws LimitExceededException if {@code count} is over {@link #maxTensorElements()}
     */
    public void checkTensor(String pointer, long count) {
        if (count > maxTensorElements) {
            throw new LimitExceededException(
                    TENSOR_LIMIT,
                    maxTensorElements,
                    "The array "
                            + pointer
                            + " holds more than "
                            + maxTensorElements
                            + " numbers, the limit "
                            + TENSOR_LIMIT
                            + "; split the batch into smaller requests.");
        }
    }

    /**
     * @param count numbers read so far in the request body
     * @throws LimitExceededException if {@code count} is over {@link #maxRequestElements()}
     */
    public void checkRequest(long count) {
        if (count > maxRequestElements) {
            throw new LimitExceededException(
                    REQUEST_LIMIT,
                    maxRequestElements,
                    "The request holds more than "
                            + maxRequestElements
                            + " numbers, the limit "
                            + REQUEST_LIMIT
                            + "; split the batch into smaller requests.");
        }
    }
}
