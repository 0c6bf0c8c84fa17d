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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the core kernels on the shapes of scripts/bench_pytorch.py, which times the same
 * operations in PyTorch. Each call computes what the service returns: the loss, the per-sample
 * values and the gradient together (softmax: probabilities, log-probabilities, log-sum-exp and
 * argmax).
 *
 * <p>Inputs follow the PyTorch script's distributions: logits standard normal, class targets
 * uniform, BCE targets 0 or 1 with equal odds. Whether the core splits large batches over cores is
 * the system property {@code dev.lossservice.core.parallel} of the forked JVM, set by
 * scripts/bench-kernels.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelBenchmarks {

    @Param({"3x4", "64x1000", "1024x1000", "8192x100"})
    public String shape;

    private Matrix logits;
    private int[] shape2;
    private Matrix logProbabilities;
    private int[] target;
    private Matrix binaryTarget;
    private CrossEntropy.Options crossEntropyOptions;
    private NegativeLogLikelihood.Options nllOptions;
    private BinaryCrossEntropy.Options bceOptions;

    @Setup
    public void setUp() {
        String[] dimensions = shape.split("x");
        int rows = Integer.parseInt(dimensions[0]);
        int columns = Integer.parseInt(dimensions[1]);
        SplittableRandom random = new SplittableRandom(20261126);
        double[] x = new double[rows * columns];
        double[] y = new double[rows * columns];
        for (int i = 0; i < x.length; i++) {
            x[i] = gaussian(random);
            y[i] = random.nextBoolean() ? 1.0 : 0.0;
        }
        target = new int[rows];
        for (int n = 0; n < rows; n++) {
            target[n] = random.nextInt(columns);
        }
        logits = new Matrix(rows, columns, x);
        shape2 = new int[] {rows, columns};
        logProbabilities = Softmax.ofLogits(logits, 1.0).logProbabilities();
        binaryTarget = new Matrix(rows, columns, y);
        crossEntropyOptions = CrossEntropy.Options.defaults();
        nllOptions = NegativeLogLikelihood.Options.defaults();
        bceOptions = BinaryCrossEntropy.Options.defaults();
    }

    /** The entry point the service calls for a tensor of any rank, along the last dim. */
    @Benchmark
    public Softmax.AlongDim softmax() {
        return Softmax.ofLogits(logits.values(), shape2, -1, 1.0);
    }

    /**
     * Softmax along dim 0 of the same numbers: the strided kernel, C softmaxes of N elements side
     * by side, where the contiguous dimension is the other one.
     */
    @Benchmark
    public Softmax.AlongDim softmaxAlongDim0() {
        return Softmax.ofLogits(logits.values(), shape2, 0, 1.0);
    }

    @Benchmark
    public CrossEntropy.Result crossEntropy() {
        return CrossEntropy.ofLogits(logits, target, crossEntropyOptions);
    }

    @Benchmark
    public NegativeLogLikelihood.Result nll() {
        return NegativeLogLikelihood.ofLogProbabilities(logProbabilities, target, nllOptions);
    }

    /**
     * {@link #nll} followed by the dense N x C gradient, as a caller that needs the matrix gets it
     * (about the work every call did before the gradient was kept compact); timed against the same
     * PyTorch row as {@code nll}.
     */
    @Benchmark
    public Matrix nllDense(Blackhole blackhole) {
        NegativeLogLikelihood.Result result =
                NegativeLogLikelihood.ofLogProbabilities(logProbabilities, target, nllOptions);
        // Consumed too, so that the per-sample arrays are made as in nll.
        blackhole.consume(result);
        return result.denseGradient();
    }

    /** The entry point the service calls for a tensor of any rank. */
    @Benchmark
    public BinaryCrossEntropy.Result bceWithLogits() {
        return BinaryCrossEntropy.ofLogits(
                logits.values(), binaryTarget.values(), shape2, bceOptions);
    }

    /** Box-Muller, so the inputs do not depend on {@code java.util.Random}'s algorithm. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
