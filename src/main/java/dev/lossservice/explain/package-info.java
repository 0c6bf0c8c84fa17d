/**
 * Explain mode ({@code ?explain=true}): the pieces every endpoint's step builder shares. A {@link
 * dev.lossservice.explain.Step} is one step of the computation with its NumPy expression; {@link
 * dev.lossservice.explain.Steps} collects them in order; {@link
 * dev.lossservice.explain.ExplainLimit} caps the size of an explained request. Each endpoint builds
 * its own steps in its package ({@code crossentropy.CrossEntropySteps} ...), from the same numbers
 * as its answer.
 */
package dev.lossservice.explain;
