#!/usr/bin/env bash
# Times the core kernels (JMH) and PyTorch on the same shapes in one run, and prints Java/PyTorch
# throughput ratios, single-thread and all cores. See docs/benchmarks.md.
#
#   scripts/bench-kernels.sh            full run (about 10 minutes on 2 cores)
#   QUICK=1 scripts/bench-kernels.sh    smoke run: 1 warm-up and 2 measurement iterations
#   MVN_ARGS=-o scripts/bench-kernels.sh   build offline
#   BENCH_FILTER='KernelBenchmarks.softmax' SHAPES='1024x1000' ...   a subset
#
# Needs Java 17+ and Debian's python3-torch for /usr/bin/python3 (PYTORCH_PYTHON to override).
# Results go to target/bench/ (jmh-single-<shape>.json, jmh-parallel-<shape>.json, pytorch.txt).
# Run it on a quiet machine: other load skews the two sides differently.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTORCH_PYTHON=${PYTORCH_PYTHON:-/usr/bin/python3}
FILTER=${BENCH_FILTER:-KernelBenchmarks}
SHAPES=${SHAPES:-3x4,64x1000,1024x1000,8192x100}
CORES=$(nproc)
if [[ ${QUICK:-0} == 1 ]]; then
    WARMUPS=1 ITERATIONS=2
else
    WARMUPS=3 ITERATIONS=5
fi
OUT=target/bench
mkdir -p "$OUT"

echo "== build (profile jmh)" >&2
./mvnw -B -q ${MVN_ARGS:-} -Pjmh -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true \
    test-compile
CLASSPATH="target/jmh/test-classes:target/jmh/classes:$(cat target/jmh/jmh-classpath.txt)"

run_jmh() { # $1 = true|false (core parallelism), $2 = shape, $3 = result file
    java -cp "$CLASSPATH" org.openjdk.jmh.Main "$FILTER" \
        -p shape="$2" -f 1 -wi "$WARMUPS" -w 1s -i "$ITERATIONS" -r 1s -t 1 \
        -jvmArgsAppend "-Ddev.lossservice.core.parallel=$1" \
        -rf json -rff "$3" >&2
}

# Shape by shape, Java then PyTorch, so that the two sides of each ratio are timed minutes apart
# at most: this machine's speed drifts by up to 1.5x for seconds at a time (scripts/cpu-drift.sh).
rm -f "$OUT"/jmh-single-*.json "$OUT"/jmh-parallel-*.json
: >"$OUT/pytorch.txt"
for shape in ${SHAPES//,/ }; do
    echo "== $shape: JMH, single thread" >&2
    run_jmh false "$shape" "$OUT/jmh-single-$shape.json"
    echo "== $shape: JMH, core parallel over $CORES cores" >&2
    run_jmh true "$shape" "$OUT/jmh-parallel-$shape.json"
    echo "== $shape: PyTorch, 1 and $CORES threads" >&2
    "$PYTORCH_PYTHON" scripts/bench_pytorch.py --threads 1 "$CORES" \
        --warmups "$WARMUPS" --iterations "$ITERATIONS" --seconds 1 \
        --shapes "$shape" | tee -a "$OUT/pytorch.txt" >&2
done

"$PYTORCH_PYTHON" - "$OUT" "$CORES" <<'PY'
import glob, json, sys

out, cores = sys.argv[1], sys.argv[2]

def jmh(pattern):
    rows = {}
    for r in (r for path in sorted(glob.glob(pattern)) for r in json.load(open(path))):
        name = r["benchmark"].rsplit(".", 1)[1]
        metric = r["primaryMetric"]
        rows[(name, r["params"]["shape"])] = (float(metric["score"]), float(metric["scoreError"]))
    return rows

single, parallel = jmh(f"{out}/jmh-single-*.json"), jmh(f"{out}/jmh-parallel-*.json")
# Java benchmarks compared with another one's PyTorch row: nllDense is nll plus the dense gradient.
TORCH_ROW = {"nllDense": "nll"}
torch = {}
for line in open(f"{out}/pytorch.txt"):
    if line.startswith("torch "):
        _, name, shape, threads, mean, stdev = line.split()
        torch[(name, shape, threads)] = (float(mean), float(stdev))

print()
print(f"Throughput in ops/s (Java: JMH mean ± 99.9% error; PyTorch: mean ± stdev); ratio = Java / PyTorch")
header = (f"{'benchmark':<14} {'shape':>10} | {'Java 1 thread':>20} {'PyTorch 1 thread':>20} {'ratio':>7} |"
          f" {'Java ' + cores + ' cores':>20} {'PyTorch ' + cores + ' threads':>20} {'ratio':>7}")
print(header)
print("-" * len(header))
fmt = lambda v: f"{v[0]:>11.4g} ± {v[1]:<6.2g}"
for (name, shape) in sorted(single, key=lambda k: (k[0], [int(d) for d in k[1].split("x")])):
    s, p = single[(name, shape)], parallel.get((name, shape), (float("nan"), 0))
    row = TORCH_ROW.get(name, name)
    t1, tn = torch.get((row, shape, "1"), (float("nan"), 0)), torch.get((row, shape, cores), (float("nan"), 0))
    print(f"{name:<14} {shape:>10} | {fmt(s):>20} {fmt(t1):>20} {s[0] / t1[0]:>7.2f} |"
          f" {fmt(p):>20} {fmt(tn):>20} {p[0] / tn[0]:>7.2f}")
PY
