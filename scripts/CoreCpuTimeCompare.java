import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The core's KernelBenchmarks of two builds in one JVM, each in its own class loader, timed in
 * thread CPU time and alternated every few hundred milliseconds: a machine shared with other
 * builds takes the CPU away from a benchmark thread for long stretches, which wall-clock JMH
 * figures count and thread CPU time does not. Run by scripts/bench-core-compare.sh (CPU_TIME=1).
 *
 * <pre>
 *   java scripts/CoreCpuTimeCompare.java BASE_CLASSPATH NEW_CLASSPATH SHAPES BENCHMARKS ROUNDS
 * </pre>
 *
 * Each classpath holds that build's target/jmh/classes, target/jmh/test-classes and jmh-core. The
 * benchmark methods are called by reflection, on both sides alike; at 3x4 that call is a large
 * share of the time, so read small shapes as a check that nothing broke, not as a ratio.
 */
public final class CoreCpuTimeCompare {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long SLICE_NANOS = 200_000_000L;

    public static void main(String[] args) throws Exception {
        String[] shapes = args[2].split(",");
        String[] benchmarks = args[3].split(",");
        int rounds = Integer.parseInt(args[4]);
        System.setProperty("dev.lossservice.core.parallel", "false");
        Side base = new Side(args[0]);
        Side next = new Side(args[1]);
        System.out.printf(
                Locale.ROOT,
                "%nThread CPU time per call (median of %d alternations of %d ms each side, after"
                        + " 5 warm-up alternations); ratio = base / new time (above 1: new is faster)%n",
                rounds,
                SLICE_NANOS / 1_000_000);
        String header =
                String.format(
                        Locale.ROOT,
                        "%-14s %10s | %14s %14s | %6s | %s",
                        "benchmark",
                        "shape",
                        "base us/op",
                        "new us/op",
                        "ratio",
                        "ratio min..max");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (String benchmark : benchmarks) {
            for (String shape : shapes) {
                Object baseState = base.state(shape);
                Object newState = next.state(shape);
                Method baseMethod = base.benchmark(benchmark);
                Method newMethod = next.benchmark(benchmark);
                List<Double> baseTimes = new ArrayList<>();
                List<Double> newTimes = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int i = -5; i < rounds; i++) {
                    // Alternate which side goes first, so that neither always follows the other.
                    double b;
                    double n;
                    if ((i & 1) == 0) {
                        b = time(baseMethod, baseState);
                        n = time(newMethod, newState);
                    } else {
                        n = time(newMethod, newState);
                        b = time(baseMethod, baseState);
                    }
                    if (i >= 0) {
                        baseTimes.add(b);
                        newTimes.add(n);
                        ratios.add(b / n);
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "%-14s %10s | %14.4g %14.4g | %6.3f | %.3f..%.3f%n",
                        benchmark,
                        shape,
                        median(baseTimes),
                        median(newTimes),
                        median(ratios),
                        ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            }
        }
    }

    /** Microseconds of thread CPU time per call, over one slice of calls. */
    private static double time(Method method, Object state) throws Exception {
        long start = THREADS.getCurrentThreadCpuTime();
        long calls = 0;
        long now;
        Object sink = null;
        do {
            for (int k = 0; k < 8; k++) {
                sink = method.invoke(state);
            }
            calls += 8;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now - start < SLICE_NANOS);
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return (now - start) / 1e3 / calls;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** One build, loaded in a class loader of its own. */
    private static final class Side {

        private final Class<?> benchmarks;

        Side(String classpath) throws Exception {
            URL[] urls =
                    Arrays.stream(classpath.split(":"))
                            .map(entry -> toUrl(Path.of(entry)))
                            .toArray(URL[]::new);
            ClassLoader loader =
                    new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            benchmarks = Class.forName("dev.lossservice.core.KernelBenchmarks", true, loader);
        }

        Object state(String shape) throws Exception {
            Object state = benchmarks.getConstructor().newInstance();
            Field field = benchmarks.getField("shape");
            field.set(state, shape);
            benchmarks.getMethod("setUp").invoke(state);
            return state;
        }

        Method benchmark(String name) throws Exception {
            return benchmarks.getMethod(name);
        }

        private static URL toUrl(Path path) {
            try {
                return path.toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
