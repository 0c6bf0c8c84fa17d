package dev.lossservice.core;

/**
 * The shape of a loss input whose class dimension is dimension 1, as PyTorch's cross-entropy and
 * NLL take it: {@code N x C x d1 x ... x dk}, seen as {@code N x C x S} with {@code S = d1 * ... *
 * dk} (1 for {@code N x C}). A position is a pair {@code (n, s)}, numbered {@code n * S + s}
 * (row-major); the C values of a position are {@code S} apart.
 *
 * @param batch N, at least 0
 * @param classes C, at least 1
 * @param inner S, at least 1
 */
public record ClassShape(int batch, int classes, int inner) {

    /**
     * @throws IllegalArgumentException if a size is out of range or N x C x S overflows an int
     */
    public ClassShape {
        if (batch < 0 || classes < 1 || inner < 1) {
            throw new IllegalArgumentException(
                    "shape must have N >= 0, C >= 1, S >= 1, got "
                            + batch
                            + " x "
                            + classes
                            + " x "
                            + inner);
        }
        Math.multiplyExact(Math.multiplyExact(batch, classes), inner);
    }

    /** N x S. */
    public int positions() {
        return batch * inner;
    }

    /** N x C x S. */
    public int elements() {
        return batch * classes * inner;
    }

    /** The index of class {@code c} of position {@code p} in the flat input. */
    public int index(int position, int c) {
        int n = position / inner;
        int s = position - n * inner;
        return (n * classes + c) * inner + s;
    }
}
