package dev.lossservice.core;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cross-entropy over an input with spatial dimensions against a rank-2 input of the same element
 * count: {@code 4x21x64x64} (a segmentation batch: 16384 positions of 21 classes, through the
 * class-strided kernel) and {@code 16384x21} (the same positions and classes as rows, through the
 * row kernel). The goal is the first within 1.5 times the time of the second. Inputs as in {@link
 * KernelBenchmarks}: standard normal logits, uniform class targets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RankBenchmarks {

    @Param({"4x21x64x64", "16384x21"})
    public String shape;

    private double[] logits;
    private double[] logProbabilities;
    private ClassShape classShape;
    private int[] target;
    private CrossEntropy.Options crossEntropyOptions;
    private NegativeLogLikelihood.Options nllOptions;

    @Setup
    public void setUp() {
        String[] dimensions = shape.split("x");
        int batch = Integer.parseInt(dimensions[0]);
        int classes = Integer.parseInt(dimensions[1]);
        int inner = 1;
        for (int d = 2; d < dimensions.length; d++) {
            inner *= Integer.parseInt(dimensions[d]);
        }
        classShape = new ClassShape(batch, classes, inner);
        SplittableRandom random = new SplittableRandom(20261129);
        logits = new double[classShape.elements()];
        for (int i = 0; i < logits.length; i++) {
            double u = 1.0 - random.nextDouble();
            double v = random.nextDouble();
            logits[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
        target = new int[classShape.positions()];
        for (int p = 0; p < target.length; p++) {
            target[p] = random.nextInt(classes);
        }
        logProbabilities = logits.clone();
        crossEntropyOptions = CrossEntropy.Options.defaults();
        nllOptions = NegativeLogLikelihood.Options.defaults();
    }

    /** Rank 2 goes through the row kernel, as the service's version 1 path does. */
    @Benchmark
    public Object crossEntropy() {
        if (classShape.inner() == 1) {
            return CrossEntropy.ofLogits(
                    new Matrix(classShape.batch(), classShape.classes(), logits),
                    target,
                    crossEntropyOptions);
        }
        return CrossEntropy.ofLogits(logits, classShape, target, crossEntropyOptions, null);
    }

    @Benchmark
    public Object nll() {
        if (classShape.inner() == 1) {
            return NegativeLogLikelihood.ofLogProbabilities(
                    new Matrix(classShape.batch(), classShape.classes(), logProbabilities),
                    target,
                    nllOptions);
        }
        return NegativeLogLikelihood.ofLogProbabilities(
                logProbabilities, classShape, target, nllOptions, null);
    }
}
