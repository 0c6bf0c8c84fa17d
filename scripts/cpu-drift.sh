#!/usr/bin/env bash
# Shows how steady this machine's CPU speed is: times the same plain arithmetic loop (no memory
# traffic, no allocation, no I/O) 60 times and prints each time in ms. On the benchmark machine the
# times switch between two levels about 1.5x apart for seconds at a time, which is why
# bench-kernels.sh and bench-http.sh time both sides of each ratio close together.
#
#   scripts/cpu-drift.sh            (needs Java 17+; about 20 s)
set -euo pipefail
source=$(mktemp -d)/CpuDrift.java
trap 'rm -rf "$(dirname "$source")"' EXIT
cat >"$source" <<'JAVA'
public class CpuDrift {
    public static void main(String[] args) {
        double[] x = new double[1000];
        double[] out = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i);
        }
        StringBuilder times = new StringBuilder();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int sample = 0; sample < 60; sample++) {
            long start = System.nanoTime();
            for (int k = 0; k < 100_000; k++) {
                for (int i = 0; i < x.length; i++) {
                    double r = x[i];
                    out[i] = ((0.1 * r + 0.2) * r + 0.3) * r + 0.4;
                }
            }
            double ms = (System.nanoTime() - start) / 1e6;
            if (sample >= 5) { // the first few include compilation
                min = Math.min(min, ms);
                max = Math.max(max, ms);
            }
            times.append(String.format("%.0f ", ms));
        }
        System.out.println("ms per 10^8 loop iterations, in order: " + times.toString().trim());
        System.out.printf("after the first 5: min %.1f ms, max %.1f ms, max / min %.2f%n", min, max, max / min);
        System.out.println(out[7] == 42 ? "" : "(checksum " + out[7] + ")");
    }
}
JAVA
java "$source"
