package dev.lossservice.core;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of a kernel's output arrays alone: two arrays of N x C doubles (the probabilities and
 * gradient of cross-entropy at 1024 x 1000 and 8192 x 100), allocated one after the other on the
 * calling thread, and with {@link RowBlocks#newArrays}, which allocates large arrays in parallel
 * because the JVM zeroes an array on the thread that allocates it. Not part of
 * scripts/bench-kernels.sh (PyTorch has no counterpart); docs/benchmarks.md gives the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AllocationBenchmarks {

    @Param({"1024000", "819200"})
    public int length;

    @Benchmark
    public double[][] twoArraysOnTheCallingThread() {
        return new double[][] {new double[length], new double[length]};
    }

    @Benchmark
    public double[][] twoArraysWithNewArrays() {
        return RowBlocks.newArrays(2, length);
    }
}
