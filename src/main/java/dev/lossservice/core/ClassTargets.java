package dev.lossservice.core;

/**
 * Class-index targets checked against the shape, with the weight each sample carries: {@code
 * w[t_n]}, or 0 for a sample whose target is the ignore index. Shared by cross-entropy and NLL,
 * whose {@code MEAN} both divide by the total of these weights.
 */
record ClassTargets(boolean[] ignored, double[] sampleWeights, double denominator) {

    static ClassTargets of(int[] target, int rows, int columns, double[] weight, int ignoreIndex) {
        ArgumentChecks.requireOnePerRow(target.length, "target", rows);
        ArgumentChecks.requireOnePerClass(weight, "weight", columns);
        boolean[] ignored = new boolean[rows];
        double[] sampleWeights = new double[rows];
        double denominator = 0;
        for (int n = 0; n < rows; n++) {
            int t = target[n];
            if (t == ignoreIndex) {
                ignored[n] = true;
                continue;
            }
            ArgumentChecks.requireIndex(t, columns, "target", n);
            sampleWeights[n] = weight == null ? 1.0 : weight[t];
            denominator += sampleWeights[n];
        }
        return new ClassTargets(ignored, sampleWeights, denominator);
    }

    /**
     * The sum of the losses of the samples not ignored, in sample order (the order the loss sum's
     * bits depend on).
     */
    double lossSum(double[] sampleLosses) {
        double lossSum = 0;
        for (int n = 0; n < sampleLosses.length; n++) {
            if (!ignored[n]) {
                lossSum += sampleLosses[n];
            }
        }
        return lossSum;
    }
}
