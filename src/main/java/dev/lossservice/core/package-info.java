/**
 * The loss core: softmax, cross-entropy, negative log-likelihood and binary cross-entropy with
 * their analytic gradients, in IEEE-754 double precision, with PyTorch's semantics.
 *
 * <p>Plain Java over flat row-major {@code double[]} with the shape beside it ({@link
 * dev.lossservice.core.Matrix}); no framework import, so the package works as a library on its own.
 * Inputs are never modified. Natural logarithms throughout. {@code exp} over whole rows is computed
 * by {@code Exponential}, within 1 ulp of {@link java.lang.Math#exp}, in a form the JIT vectorises;
 * large batches are split over cores by {@code RowBlocks}, with results bitwise identical to a
 * serial run.
 *
 * <p>Every loss has one entry point per kind of input, named {@code of} and that kind, taking the
 * input, then the target, then the loss's own {@code Options} record (PyTorch's defaults from
 * {@code Options.defaults()}): {@code CrossEntropy.ofLogits}, {@code
 * NegativeLogLikelihood.ofLogProbabilities}, {@code BinaryCrossEntropy.ofProbabilities} and {@code
 * ofLogits}; {@code Softmax.ofLogits} takes its one option, the temperature, as it is. Arguments
 * are checked by {@code ArgumentChecks}, with exact messages; softmax and log-softmax of a row are
 * computed by {@code LogSoftmaxRow} alone.
 */
package dev.lossservice.core;
