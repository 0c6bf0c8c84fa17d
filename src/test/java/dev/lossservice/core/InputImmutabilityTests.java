package dev.lossservice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The core reads its inputs and never writes them (Tribuo's slip, avoided). */
class InputImmutabilityTests {

    private final Random random = new Random(7);

    @Test
    void crossEntropyWithClassIndicesLeavesItsInputsAlone() {
        Matrix logits = RandomInputs.matrix(random, 4, 5, 5.0);
        int[] target = {0, 4, -100, 2};
        double[] weight = RandomInputs.weights(random, 5);
        double[] logitsBefore = logits.values().clone();
        double[] weightBefore = weight.clone();

        CrossEntropy.ofLogits(
                logits, target, new CrossEntropy.Options(weight, -100, 0.1, Reduction.MEAN));

        assertThat(logits.values()).containsExactly(logitsBefore);
        assertThat(target).containsExactly(0, 4, -100, 2);
        assertThat(weight).containsExactly(weightBefore);
    }

    @Test
    void crossEntropyWithProbabilitiesLeavesItsInputsAlone() {
        Matrix logits = RandomInputs.matrix(random, 3, 4, 5.0);
        Matrix target = RandomInputs.targetProbabilities(random, 3, 4, true);
        double[] weight = RandomInputs.weights(random, 4);
        double[] logitsBefore = logits.values().clone();
        double[] targetBefore = target.values().clone();
        double[] weightBefore = weight.clone();

        CrossEntropy.ofLogits(
                logits, target, new CrossEntropy.Options(weight, -100, 0.2, Reduction.SUM));

        assertThat(logits.values()).containsExactly(logitsBefore);
        assertThat(target.values()).containsExactly(targetBefore);
        assertThat(weight).containsExactly(weightBefore);
    }

    @Test
    void negativeLogLikelihoodLeavesItsInputsAlone() {
        Matrix input = RandomInputs.matrix(random, 3, 4, 5.0);
        int[] target = {3, 1, 1};
        double[] weight = RandomInputs.weights(random, 4);
        double[] inputBefore = input.values().clone();
        double[] weightBefore = weight.clone();

        NegativeLogLikelihood.ofLogProbabilities(
                input, target, new NegativeLogLikelihood.Options(weight, 1, Reduction.NONE));

        assertThat(input.values()).containsExactly(inputBefore);
        assertThat(target).containsExactly(3, 1, 1);
        assertThat(weight).containsExactly(weightBefore);
    }

    @Test
    void binaryCrossEntropyLeavesItsInputsAlone() {
        Matrix probabilities =
                new Matrix(3, 4, new double[] {0, 1, 0.5, 1e-300, 0.2, 0.9, 1, 0, 0.3, 0.3, 0, 1});
        Matrix logits = RandomInputs.matrix(random, 3, 4, 5.0);
        Matrix target = new Matrix(3, 4, RandomInputs.uniform(random, 12, 0, 1));
        double[] weight = RandomInputs.weights(random, 12);
        double[] posWeight = RandomInputs.weights(random, 4);
        double[] probabilitiesBefore = probabilities.values().clone();
        double[] logitsBefore = logits.values().clone();
        double[] targetBefore = target.values().clone();
        double[] weightBefore = weight.clone();
        double[] posWeightBefore = posWeight.clone();

        BinaryCrossEntropy.ofProbabilities(
                probabilities,
                target,
                new BinaryCrossEntropy.Options(weight, null, Reduction.MEAN));
        BinaryCrossEntropy.ofLogits(
                logits, target, new BinaryCrossEntropy.Options(weight, posWeight, Reduction.MEAN));

        assertThat(probabilities.values()).containsExactly(probabilitiesBefore);
        assertThat(logits.values()).containsExactly(logitsBefore);
        assertThat(target.values()).containsExactly(targetBefore);
        assertThat(weight).containsExactly(weightBefore);
        assertThat(posWeight).containsExactly(posWeightBefore);
    }

    @Test
    void softmaxLeavesItsInputsAlone() {
        Matrix logits = RandomInputs.matrix(random, 3, 4, 5.0);
        Matrix upstream = RandomInputs.matrix(random, 3, 4, 1.0);
        double[] logitsBefore = logits.values().clone();
        double[] upstreamBefore = upstream.values().clone();

        Softmax.Result result = Softmax.ofLogits(logits, 2.0);
        double[] probabilitiesBefore = result.probabilities().values().clone();
        Softmax.vectorJacobianProduct(result.probabilities(), upstream, 2.0);

        assertThat(logits.values()).containsExactly(logitsBefore);
        assertThat(upstream.values()).containsExactly(upstreamBefore);
        assertThat(result.probabilities().values()).containsExactly(probabilitiesBefore);
    }
}
