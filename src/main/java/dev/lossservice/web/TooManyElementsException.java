package dev.lossservice.web;

/**
 * A request body holding more numbers than {@link LossServiceProperties#maxElements()} allows.
 * Thrown as soon as the limit is crossed, so that reading stops before the memory is spent.
 */
final class TooManyElementsException extends RuntimeException {

    private final long limit;

    TooManyElementsException(long limit) {
        super("more than " + limit + " numbers in one request", null, false, false);
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
