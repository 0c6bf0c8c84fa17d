import dev.lossservice.core.ClassShape;
import dev.lossservice.core.CrossEntropy;
import dev.lossservice.core.Matrix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Thread CPU time per call of cross-entropy on a 4x21x64x64 input (class-strided kernel) and on
 * 16384x21 (the same positions and classes as rows, row kernel), alternating between the two, for
 * a machine too loaded for wall-clock figures (docs/benchmarks.md, "Tensors of any rank").
 *
 *   java -Ddev.lossservice.core.parallel=false -cp target/classes scripts/RankCpuTime.java [ROUNDS]
 */
public class RankCpuTime {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        SplittableRandom random = new SplittableRandom(20261129);
        ClassShape spatial = new ClassShape(4, 21, 64 * 64);
        double[] x = new double[spatial.elements()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        int[] target = new int[spatial.positions()];
        for (int p = 0; p < target.length; p++) {
            target[p] = random.nextInt(21);
        }
        Matrix rows = new Matrix(16384, 21, x);
        CrossEntropy.Options options = CrossEntropy.Options.defaults();
        Runnable strided = () -> CrossEntropy.ofLogits(x, spatial, target, options, null);
        Runnable rowKernel = () -> CrossEntropy.ofLogits(rows, target, options);
        double[][] times = new double[2][rounds];
        for (int round = -5; round < rounds; round++) {
            for (int side = 0; side < 2; side++) {
                int which = (round & 1) == 0 ? side : 1 - side;
                Runnable call = which == 0 ? strided : rowKernel;
                long start = bean.getCurrentThreadCpuTime();
                int calls = 0;
                while (bean.getCurrentThreadCpuTime() - start < 300_000_000L) {
                    call.run();
                    calls++;
                }
                if (round >= 0) {
                    times[which][round] =
                            (bean.getCurrentThreadCpuTime() - start) / 1e3 / calls;
                }
            }
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = times[0][r] / times[1][r];
        }
        System.out.printf(
                "4x21x64x64 strided: median %.1f us/op; 16384x21 rows: median %.1f us/op;"
                        + " ratio strided / rows: median %.3f (min %.3f, max %.3f) over %d rounds%n",
                median(times[0]), median(times[1]), median(ratios),
                Arrays.stream(ratios).min().getAsDouble(),
                Arrays.stream(ratios).max().getAsDouble(), rounds);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
