#!/usr/bin/env bash
# Times the core's JMH benchmarks at two commits in one run, alternating between them shape by
# shape, and prints both throughputs and their ratio (new / base). See docs/benchmarks.md.
#
#   scripts/bench-core-compare.sh BASE_REF [NEW_REF]   NEW_REF defaults to HEAD
#   QUICK=1 ...              1 warm-up and 2 measurement iterations (default 3 and 5, of 1 s each)
#   ROUNDS=3 ...             repeat the alternation; each round's ratios are printed
#   BENCH_FILTER=KernelBenchmarks.softmax SHAPES=1024x1000 ...   a subset
#   CORE_PARALLEL=true ...   let the core split batches over cores (default: single thread)
#   MVN_ARGS=-o ...          build offline
#   CPU_TIME=1 ...           then also time both builds in one JVM in thread CPU time
#                            (scripts/CoreCpuTimeCompare.java, CPU_ROUNDS alternations, default 10):
#                            on a machine shared with other builds, wall-clock JMH figures swing
#                            with the load, thread CPU time much less
#   JMH=0 ...                skip the JMH runs (with CPU_TIME=1: the CPU-time comparison alone)
#
# Each side is built from its own commit (git worktree in a temporary directory, removed on exit)
# with the jmh profile, as scripts/bench-kernels.sh builds it, so uncommitted changes are not
# measured. Both sides run the benchmarks of their own src/jmh: the benchmark method names must be
# the same at both commits. The order within a shape alternates between rounds and shapes (base
# first, then new first), because this machine's speed drifts for seconds at a time
# (scripts/cpu-drift.sh). Results go to target/bench-compare/.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_REF=${1:?usage: $0 BASE_REF [NEW_REF]}
NEW_REF=${2:-HEAD}
FILTER=${BENCH_FILTER:-KernelBenchmarks}
SHAPES=${SHAPES:-3x4,64x1000,1024x1000,8192x100}
ROUNDS=${ROUNDS:-1}
PARALLEL=${CORE_PARALLEL:-false}
if [[ ${QUICK:-0} == 1 ]]; then
    WARMUPS=1 ITERATIONS=2
else
    WARMUPS=${WARMUPS:-3} ITERATIONS=${ITERATIONS:-5}
fi
OUT=target/bench-compare
mkdir -p "$OUT"
rm -f "$OUT"/*.json

BASE_COMMIT=$(git rev-parse --verify "$BASE_REF^{commit}")
NEW_COMMIT=$(git rev-parse --verify "$NEW_REF^{commit}")
WORK=$(mktemp -d)
cleanup() {
    git worktree remove --force "$WORK/base" 2>/dev/null || true
    git worktree remove --force "$WORK/new" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

declare -A CLASSPATH
for side in base new; do
    commit=$BASE_COMMIT
    [[ $side == new ]] && commit=$NEW_COMMIT
    echo "== build $side ($commit), profile jmh" >&2
    git worktree add --detach --quiet "$WORK/$side" "$commit"
    (cd "$WORK/$side" && ./mvnw -B -q ${MVN_ARGS:-} -Pjmh -DskipTests \
        -Dspotless.check.skip=true -Djacoco.skip=true test-compile)
    dir=$WORK/$side/target/jmh
    CLASSPATH[$side]="$dir/test-classes:$dir/classes:$(cat "$dir/jmh-classpath.txt")"
done

run_jmh() { # $1 = side, $2 = shape, $3 = round
    echo "== round $3, $2: $1" >&2
    java -cp "${CLASSPATH[$1]}" org.openjdk.jmh.Main "$FILTER" \
        -p shape="$2" -f 1 -wi "$WARMUPS" -w 1s -i "$ITERATIONS" -r 1s -t 1 \
        -jvmArgsAppend "-Ddev.lossservice.core.parallel=$PARALLEL" \
        -rf json -rff "$OUT/$1-$2-round$3.json" >&2
}

echo "== $(date -u +%FT%TZ) start: base $BASE_COMMIT, new $NEW_COMMIT; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
turn=0
[[ ${JMH:-1} == 0 ]] && ROUNDS=0
for round in $(seq 1 "$ROUNDS"); do
    for shape in ${SHAPES//,/ }; do
        if ((turn % 2 == 0)); then order="base new"; else order="new base"; fi
        turn=$((turn + 1))
        for side in $order; do
            run_jmh "$side" "$shape" "$round"
        done
    done
done
echo "== $(date -u +%FT%TZ) JMH end; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if [[ ${CPU_TIME:-0} == 1 ]]; then
    cpu_classpath() { # $1 = side: its classes, benchmarks and jmh-core
        local dir=$WORK/$1/target/jmh
        echo "$dir/classes:$dir/test-classes:$(tr ':' '\n' <"$dir/jmh-classpath.txt" | grep jmh-core)"
    }
    BENCHMARKS=${CPU_BENCHMARKS:-softmax,crossEntropy,nll,bceWithLogits}
    java -Xmx2g scripts/CoreCpuTimeCompare.java "$(cpu_classpath base)" "$(cpu_classpath new)" \
        "$SHAPES" "$BENCHMARKS" "${CPU_ROUNDS:-10}"
    echo "== $(date -u +%FT%TZ) CPU-time end; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
fi
[[ ${JMH:-1} == 0 ]] && exit 0

python3 - "$OUT" "$ROUNDS" "$BASE_COMMIT" "$NEW_COMMIT" "$WARMUPS" "$ITERATIONS" "$PARALLEL" <<'PY'
import glob, json, math, re, sys

out, rounds, base, new, warmups, iterations, parallel = sys.argv[1:]
scores = {}  # (benchmark, shape) -> side -> [(score, error) per round]
for path in sorted(glob.glob(f"{out}/*.json")):
    side = re.match(r".*/(base|new)-", path).group(1)
    for r in json.load(open(path)):
        key = (r["benchmark"].rsplit(".", 1)[1], r["params"]["shape"])
        metric = r["primaryMetric"]
        scores.setdefault(key, {}).setdefault(side, []).append(
            (float(metric["score"]), float(metric["scoreError"])))

print()
print(f"base {base[:7]}, new {new[:7]}; JMH throughput in ops/s (mean ± 99.9% error), "
      f"1 fork, {warmups} x 1 s warm-up, {iterations} x 1 s measurement, 1 thread, "
      f"core parallel={parallel}, {rounds} round(s)")
print("ratio = new / base; with several rounds, 'ratio' is the geometric mean of the rounds' ratios")
header = f"{'benchmark':<14} {'shape':>10} | {'base':>20} {'new':>20} | {'ratio':>6} | rounds"
print(header)
print("-" * len(header))
fmt = lambda v: f"{v[0]:>11.4g} ± {v[1]:<6.2g}"
mean = lambda vs: (sum(v[0] for v in vs) / len(vs), max(v[1] for v in vs))
for key in sorted(scores, key=lambda k: (k[0], [int(d) for d in k[1].split("x")])):
    sides = scores[key]
    if "base" not in sides or "new" not in sides:
        print(f"{key[0]:<14} {key[1]:>10} | missing on one side")
        continue
    ratios = [n[0] / b[0] for b, n in zip(sides["base"], sides["new"])]
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"{key[0]:<14} {key[1]:>10} | {fmt(mean(sides['base'])):>20} {fmt(mean(sides['new'])):>20} |"
          f" {geo:>6.3f} | {' '.join(f'{r:.3f}' for r in ratios)}")
PY
