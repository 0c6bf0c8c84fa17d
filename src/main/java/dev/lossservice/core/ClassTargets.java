package dev.lossservice.core;

/**
 * Class-index targets checked against the shape, with the weight each sample carries: {@code
 * w[t_n]}, or 0 for a sample whose target is the ignore index. Shared by cross-entropy and NLL,
 * whose {@code MEAN} both divide by the total of these weights.
 */
record ClassTargets(boolean[] ignored, double[] sampleWeights, double denominator) {

    static ClassTargets of(int[] target, int rows, int columns, double[] weight, int ignoreIndex) {
        if (target.length != rows) {
            throw new IllegalArgumentException(
                    "target has length " + target.length + ", input has " + rows + " rows");
        }
        if (weight != null && weight.length != columns) {
            throw new IllegalArgumentException(
                    "weight has length " + weight.length + ", expected " + columns + " classes");
        }
        boolean[] ignored = new boolean[rows];
        double[] sampleWeights = new double[rows];
        double denominator = 0;
        for (int n = 0; n < rows; n++) {
            int t = target[n];
            if (t == ignoreIndex) {
                ignored[n] = true;
                continue;
            }
            if (t < 0 || t >= columns) {
                throw new IllegalArgumentException(
                        "target[" + n + "] = " + t + " is outside [0, " + columns + ")");
            }
            sampleWeights[n] = weight == null ? 1.0 : weight[t];
            denominator += sampleWeights[n];
        }
        return new ClassTargets(ignored, sampleWeights, denominator);
    }
}
