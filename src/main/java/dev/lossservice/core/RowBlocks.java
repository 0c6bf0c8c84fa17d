package dev.lossservice.core;

import java.util.stream.IntStream;

/**
 * Runs a row kernel over a batch, splitting large batches into blocks of consecutive rows that run
 * in parallel on the common fork-join pool.
 *
 * <p>Every kernel computes each row from that row's inputs alone, so the split changes no value;
 * sums over rows are taken afterwards on the calling thread in row order, which keeps the results
 * bitwise identical to a serial run. Batches below {@link #MIN_PARALLEL_ELEMENTS} elements run on
 * the calling thread, where handing work to another thread would cost more than it saves.
 *
 * <p>The system property {@value #PARALLEL_PROPERTY}{@code =false} runs every batch on the calling
 * thread (for single-thread benchmarks, or a server that would rather spend its cores on concurrent
 * requests).
 */
final class RowBlocks {

    /** Set to {@code false} to keep every kernel on the calling thread. */
    static final String PARALLEL_PROPERTY = "dev.lossservice.core.parallel";

    /** Batches with fewer elements than this run serially. */
    static final int MIN_PARALLEL_ELEMENTS = 1 << 15;

    /** Elements per block: large enough to amortise a task, small enough to balance the cores. */
    static final int BLOCK_ELEMENTS = 1 << 14;

    /** Arrays with at least this many elements (1 MiB) are allocated in parallel. */
    static final int MIN_PARALLEL_ALLOCATION = 1 << 17;

    private static final boolean PARALLEL =
            !"false".equalsIgnoreCase(System.getProperty(PARALLEL_PROPERTY))
                    && Runtime.getRuntime().availableProcessors() > 1;

    private RowBlocks() {}

    /** A kernel over the rows {@code [fromRow, toRow)}. */
    @FunctionalInterface
    interface Kernel {
        void rows(int fromRow, int toRow);
    }

    /** Runs {@code kernel} over all {@code rows}, in parallel blocks when the batch is large. */
    static void run(int rows, int columns, Kernel kernel) {
        long elements = (long) rows * columns;
        if (!PARALLEL || elements < MIN_PARALLEL_ELEMENTS || rows < 2) {
            kernel.rows(0, rows);
            return;
        }
        int blocks = (int) Math.min(rows, (elements + BLOCK_ELEMENTS - 1) / BLOCK_ELEMENTS);
        int rowsPerBlock = (rows + blocks - 1) / blocks;
        int blockCount = (rows + rowsPerBlock - 1) / rowsPerBlock;
        IntStream.range(0, blockCount)
                .parallel()
                .forEach(
                        block -> {
                            int from = block * rowsPerBlock;
                            kernel.rows(from, Math.min(rows, from + rowsPerBlock));
                        });
    }

    /**
     * {@code count} new arrays of {@code length} zeros, allocated in parallel when they are large.
     *
     * <p>The JVM zeroes a new array on the thread that allocates it. For a kernel that writes two
     * or three N x C outputs of a large batch, that serial zeroing came before any row block
     * started and was a large share of its time on two cores (AllocationBenchmarks,
     * docs/benchmarks.md).
     */
    static double[][] newArrays(int count, int length) {
        if (!PARALLEL || count < 2 || length < MIN_PARALLEL_ALLOCATION) {
            double[][] arrays = new double[count][];
            for (int i = 0; i < count; i++) {
                arrays[i] = new double[length];
            }
            return arrays;
        }
        return IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> new double[length])
                .toArray(double[][]::new);
    }
}
