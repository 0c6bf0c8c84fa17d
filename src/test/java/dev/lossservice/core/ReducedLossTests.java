package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReducedLossTests {

    @Test
    void meanDividesTheSumByTheDenominator() {
        var loss = new ReducedLoss(Reduction.MEAN, 6.0, 4.0);

        assertThat(loss.value()).isEqualTo(1.5);
        assertThat(loss.isDefined()).isTrue();
        assertThat(loss.gradientScale()).isEqualTo(0.25);
    }

    @Test
    void meanOverZeroWeightIsNaNAsInPyTorch() {
        // PyTorch 1.13: F.nll_loss with every target ignored returns nan for 'mean'.
        var loss = new ReducedLoss(Reduction.MEAN, 0.0, 0.0);

        assertThat(loss.value()).isNaN();
        assertThat(loss.isDefined()).isFalse();
    }

    @Test
    void meanOverZeroWeightIsNaNEvenWithANonZeroSum() {
        // Label smoothing can leave a positive sum over a zero target weight (cross_entropy.json,
        // "zero weight on every targeted class, ... smoothing 0.1, mean": loss null).
        assertThat(new ReducedLoss(Reduction.MEAN, 0.25, 0.0).value()).isNaN();
    }

    @Test
    void sumIsTheSum() {
        var loss = new ReducedLoss(Reduction.SUM, 6.0, 4.0);

        assertThat(loss.value()).isEqualTo(6.0);
        assertThat(loss.isDefined()).isTrue();
        assertThat(loss.gradientScale()).isEqualTo(1.0);
    }

    @Test
    void noneHasNoSingleValue() {
        var loss = new ReducedLoss(Reduction.NONE, 6.0, 4.0);

        assertThat(loss.value()).isNaN();
        assertThat(loss.isDefined()).isFalse();
        assertThat(loss.gradientScale()).isEqualTo(1.0);
    }
}
