package dev.lossservice.core;

/** How per-sample losses are combined into one number, as PyTorch's {@code reduction}. */
public enum Reduction {
    /** {@code lossSum / denominator}; the denominator depends on the loss (see each loss). */
    MEAN,
    /** {@code lossSum}. */
    SUM,
    /** No reduction: only the per-sample losses are defined. */
    NONE
}
