#!/usr/bin/env bash
# NumPy transport benchmark (docs/benchmarks.md, "NumPy transport").
#
# Starts the packaged jar once and times, in one run, alternating request by request, a 1024 x 1000
# cross-entropy request (normal(0, 4) logits at full double precision, class targets; the body of
# scripts/bench-http.sh) sent four ways:
#   json loss-only  JSON in (19.5 MB), ?samples=false&gradient=false, JSON out
#   npy loss-only   the same numbers as .npy parts (8.2 MB multipart), same query, JSON out
#   json full       JSON in, the full answer in JSON (44.5 MB)
#   npz full        .npy parts in, Accept: application/x-npz, the full answer as .npz (8.2 MB)
# and, in the server's own JVM after each pair, the core alone on the same numbers (POST
# /bench/compute: CrossEntropy.ofLogits, the call the controller makes; test sources on the jar's
# class path with the bench profile, as scripts/bench-http.sh does for its parse timing).
# Prints medians and minimums, server CPU per request, and the ratios against their goals:
#   json loss-only / npy loss-only >= 10, json full / npz full >= 10, npy loss-only / core <= 3.
# Then checks that the answers agree: the same lossSum for JSON and .npy, and the .npz read with
# numpy.load equal, bit for bit, to the full JSON answer (loss, lossSum, denominator, every
# sample's loss, every gradient value).
#
# Needs curl, java, and /usr/bin/python3 with NumPy (PYTHON overrides).
# Environment: PORT (18081), REPS (9 timed rounds), WARMUPS (5 rounds), JAVA (java),
# PYTHON (/usr/bin/python3), SKIP_BUILD=1 to reuse target/.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-18081}
REPS=${REPS:-9}
WARMUPS=${WARMUPS:-5}
JAVA=${JAVA:-java}
PYTHON=${PYTHON:-/usr/bin/python3}
BASE="http://127.0.0.1:$PORT"
LOSS_ONLY='?samples=false&gradient=false'

work=$(mktemp -d)
server_pid=
stop_server() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=
}
cleanup() {
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[bench-npy] $*" >&2; }
summary=()
say() { summary+=("$*"); }

for tool in curl "$JAVA" "$PYTHON"; do
    command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
"$PYTHON" -c 'import numpy' || { echo "needs NumPy for $PYTHON" >&2; exit 1; }

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    log "building (mvnw package, tests skipped but compiled)"
    ./mvnw -B -q -DskipTests package
fi
jar=$(ls target/loss-service-*.jar | grep -v -- '-plain' | head -1)
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
classpath="target/classes:target/test-classes:$(cat "$work/cp.txt")"

say "== loss-service NumPy transport benchmark, $(date -u '+%Y-%m-%dT%H:%M:%SZ') =="
say "machine: nproc=$(nproc), cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
say "java: $("$JAVA" -version 2>&1 | head -1); numpy $("$PYTHON" -c 'import numpy; print(numpy.__version__)'); curl $(curl --version | head -1 | awk '{print $2}')"
say "jar: $jar; $WARMUPS warm-up rounds, $REPS timed rounds"
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- the request, as JSON and as .npy parts --------------------------------------------------
json="$work/ce-1024x1000.json"
"$JAVA" -cp "$classpath" dev.lossservice.bench.ParseTimingMain write "$json" 1024 1000
multipart="$work/ce-1024x1000.multipart"
boundary=------------------------8d5f0a3c1e2b4967
# Python's float() reads each JSON number to the same double as the service's parser: the .npy
# parts hold exactly the numbers of the JSON body.
"$PYTHON" - "$json" "$multipart" "$boundary" <<'EOF'
import io, json, sys
import numpy as np
body = json.load(open(sys.argv[1]))
boundary = sys.argv[3].encode()
out = b""
for name, array in (("logits", np.array(body["logits"], dtype=np.float64)),
                    ("target", np.array(body["target"], dtype=np.int64))):
    npy = io.BytesIO()
    np.save(npy, array)
    out += (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"" + name.encode()
            + b"\"; filename=\"" + name.encode() + b".npy\"\r\n"
            + b"Content-Type: application/octet-stream\r\n\r\n" + npy.getvalue() + b"\r\n")
open(sys.argv[2], "wb").write(out + b"--" + boundary + b"--\r\n")
EOF
json_bytes=$(stat -c %s "$json")
multipart_bytes=$(stat -c %s "$multipart")

# --- server ----------------------------------------------------------------------------------
mkdir -p "$work/bench-classes/dev/lossservice"
cp -r target/test-classes/dev/lossservice/bench "$work/bench-classes/dev/lossservice/"
log "starting $jar on port $PORT (with the bench profile)"
"$JAVA" -Dloader.path="$work/bench-classes" -cp "$jar" \
    org.springframework.boot.loader.launch.PropertiesLauncher \
    --server.port="$PORT" --spring.profiles.active=bench >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 240); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/readiness" || true)
    [[ "$code" == 200 ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.5
done
[[ "$code" == 200 ]] || { echo "server not ready after 120 s" >&2; exit 1; }
curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$json" "$BASE/bench/body" >/dev/null

# Both bodies go out the same way (curl --data-binary from a file, no Expect: 100-continue round
# trip); only the Content-Type and Accept headers differ.
send() { # kind output -> "seconds bytes status"
    local query="" type=application/json accept=application/json body=$json
    case "$1" in
        json-loss) query=$LOSS_ONLY ;;
        npy-loss) query=$LOSS_ONLY; type="multipart/form-data; boundary=$boundary"; body=$multipart ;;
        json-full) ;;
        npz-full) type="multipart/form-data; boundary=$boundary"; accept=application/x-npz; body=$multipart ;;
    esac
    curl -s -o "$2" -w '%{time_total} %{size_download} %{http_code}\n' -H 'Expect:' \
        -H "Content-Type: $type" -H "Accept: $accept" --data-binary @"$body" \
        "$BASE/loss/cross-entropy$query"
}
clk_tck=$(getconf CLK_TCK)
server_cpu_ms() {
    sed 's/.*) //' "/proc/$server_pid/stat" | awk -v hz="$clk_tck" '{ print ($12 + $13) * 1000 / hz }'
}
timed() { # kind output -> appends "ms cpu_ms bytes" to $work/<kind>.txt
    local before after line
    before=$(server_cpu_ms)
    line=$(send "$1" "$2")
    after=$(server_cpu_ms)
    set -- "$1" "$2" $line
    [[ "$5" == 200 ]] || { echo "$1 answered $5: $(head -c 300 "$2")" >&2; exit 1; }
    awk -v s="$3" -v a="$before" -v b="$after" -v n="$4" 'BEGIN { printf "%.3f %.1f %d\n", s * 1000, b - a, n }' \
        >>"$work/$1.txt"
}
compute() { curl -sf -X POST "$BASE/bench/compute?repetitions=1" >>"$work/core.txt"; }

log "$WARMUPS warm-up rounds"
for _ in $(seq "$WARMUPS"); do
    for kind in json-loss npy-loss json-full npz-full; do send "$kind" /dev/null >/dev/null; done
    compute
done
: >"$work/core.txt"
log "$REPS timed rounds: json loss-only, npy loss-only, core, json full, npz full, core"
for _ in $(seq "$REPS"); do
    timed json-loss "$work/json-loss.out"
    timed npy-loss "$work/npy-loss.out"
    compute
    timed json-full /dev/null
    timed npz-full "$work/npz-full.npz"
    compute
done
send json-full "$work/json-full.out" >/dev/null
stop_server

# --- figures ---------------------------------------------------------------------------------
median_of() { sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
median2_of() { sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
min_of() { sort -g | head -1 | awk '{ printf "%.1f", $1 }'; }
mean_of() { awk '{ s += $1 } END { printf "%.1f", s / NR }'; }
col() { awk -v c="$2" '{ print $c }' "$work/$1.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
status() { awk -v r="$1" -v g="$2" -v d="$3" 'BEGIN { print ((d == "min" ? r >= g : r <= g) ? "MET" : "MISSED") }'; }
declare -A ms min cpu bytes
for kind in json-loss npy-loss json-full npz-full; do
    ms[$kind]=$(col "$kind" 1 | median_of)
    min[$kind]=$(col "$kind" 1 | min_of)
    cpu[$kind]=$(col "$kind" 2 | mean_of)
    bytes[$kind]=$(col "$kind" 3 | head -1)
done
core_ms=$(awk '{ print $1 }' "$work/core.txt" | median2_of)
core_min=$(awk '{ print $1 }' "$work/core.txt" | sort -g | head -1)
r_loss=$(ratio "${ms[json-loss]}" "${ms[npy-loss]}")
r_full=$(ratio "${ms[json-full]}" "${ms[npz-full]}")
r_core=$(ratio "${ms[npy-loss]}" "$core_ms")
say ""
say "1024 x 1000 cross-entropy, POST /loss/cross-entropy; JSON body $json_bytes bytes, multipart body $multipart_bytes bytes"
say "  wall time per request: median [min] over $REPS; server CPU (all threads) per request, mean; response bytes"
for kind in json-loss npy-loss json-full npz-full; do
    say "$(printf '  %-10s %9s ms [%7s]  cpu %7s ms  response %9s bytes' "$kind" "${ms[$kind]}" "${min[$kind]}" "${cpu[$kind]}" "${bytes[$kind]}")"
done
say "$(printf '  %-10s %9s ms [%7s]  (CrossEntropy.ofLogits in the server JVM, %d calls)' core "$core_ms" "$core_min" "$((2 * REPS))")"
say ""
say "  json loss-only / npy loss-only: $r_loss x  (goal >= 10: $(status "$r_loss" 10 min))"
say "  json full / npz full:           $r_full x  (goal >= 10: $(status "$r_full" 10 min))"
say "  npy loss-only / core:           $r_core x  (goal <= 3: $(status "$r_core" 3 max))"

# --- the answers agree -----------------------------------------------------------------------
check=$("$PYTHON" - "$work/json-loss.out" "$work/npy-loss.out" "$work/json-full.out" "$work/npz-full.npz" <<'EOF'
import json, sys
import numpy as np
json_loss, npy_loss = (json.load(open(f)) for f in sys.argv[1:3])
full = json.load(open(sys.argv[3]))
npz = np.load(sys.argv[4])
same = lambda a, b: np.array_equal(np.asarray(a, dtype=np.float64).view(np.int64),
                                   np.asarray(b, dtype=np.float64).view(np.int64))
checks = {
    "lossSum json = npy": json_loss["lossSum"] == npy_loss["lossSum"],
    "loss": same(npz["loss"], full["loss"]),
    "lossSum": same(npz["lossSum"], full["lossSum"]),
    "denominator": same(npz["denominator"], full["denominator"]),
    "losses": same(npz["losses"], [s["loss"] for s in full["samples"]]),
    "gradient": npz["gradient"].shape == (1024, 1000) and same(npz["gradient"], full["gradient"]),
}
bad = [k for k, ok in checks.items() if not ok]
print("numpy.load read %s; %s" % (sorted(npz.files),
      "every array equals the JSON answer bit for bit" if not bad else "DIFFERENT: " + ", ".join(bad)))
sys.exit(1 if bad else 0)
EOF
) || { say "  $check"; printf '%s\n' "${summary[@]}"; exit 1; }
say "  $check"
say ""
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${summary[@]}"
