package dev.lossservice.tensor;

import dev.lossservice.limits.ElementLimits;
import java.util.function.Supplier;

/**
 * The numbers read so far from one request body, against the element limits: the tensor readers
 * count every number as they stream it, so that reading stops at the first number over a limit,
 * before the memory is spent; a {@code .npy} part is counted whole from its checked header, before
 * its array is made. One per request, held as an attribute of Jackson's read context for JSON.
 */
public final class ElementCount {

    private final ElementLimits limits;
    private long read;

    public ElementCount(ElementLimits limits) {
        this.limits = limits;
    }

    /**
     * Counts one more number of the body.
     *
     * @throws dev.lossservice.limits.LimitExceededException past {@code max-request-elements}
     */
    void countOne() {
        limits.checkRequest(++read);
    }

    /**
     * @throws dev.lossservice.limits.LimitExceededException if the array at {@code pointer} holds
     *     more than {@code max-tensor-elements}
     */
    void checkTensor(String pointer, long size) {
        limits.checkTensor(pointer, size);
    }

    /**
     * Counts a whole tensor at once, as a {@code .npy} part declares it, before its array is made.
     *
     * @throws dev.lossservice.limits.LimitExceededException past either limit
     */
    void countTensor(String pointer, long size) {
        limits.checkTensor(pointer, size);
        read += size;
        limits.checkRequest(read);
    }

    /**
     * As {@link #checkTensor(String, long)}, making the pointer only for the exception: this runs
     * once per number.
     */
    void checkTensor(Supplier<String> pointer, long size) {
        if (size > limits.maxTensorElements()) {
            limits.checkTensor(pointer.get(), size);
        }
    }
}
