#!/usr/bin/env bash
# NumPy transport benchmark (docs/benchmarks.md, "NumPy transport").
#
# Starts the packaged jar once and times, in one run, a 1024 x 1000 cross-entropy request (normal(0,
# 4) logits at full double precision, class targets; the body of scripts/bench-http.sh) sent four
# ways, and the bare transport:
#   json-loss  JSON in (19.5 MB), ?samples=false&gradient=false, JSON out
#   npy-loss   the same numbers as .npy parts (8.2 MB multipart), same query, JSON out
#   json-full  JSON in, the full answer in JSON (44.5 MB)
#   npz-full   .npy parts in, Accept: application/x-npz, the full answer as .npz (8.2 MB)
#   npy-sink   the multipart body to POST /bench/sink, which reads it and answers its length: the
#              floor of any request with that body on this server
# Each round runs wrk (one connection, one thread, SECONDS_PER_RUN seconds) for each kind in turn,
# then times the core alone in the server's own JVM on the same numbers (POST /bench/compute:
# CrossEntropy.ofLogits, loss and gradient, and CrossEntropy.lossOfLogits, the loss alone; test
# sources on the jar's class path with the bench profile, as scripts/bench-http.sh does).
# Prints the median latencies, server CPU per request, and the ratios against their goals:
#   json-loss / npy-loss >= 10, json-full / npz-full >= 10, npy-loss / core (loss and gradient) <= 3.
# Then checks that the answers agree: the same lossSum for JSON and .npy, and the .npz read with
# numpy.load equal, bit for bit, to the full JSON answer (loss, lossSum, denominator, every
# sample's loss, every gradient value).
#
# Needs curl, wrk, java, and /usr/bin/python3 with NumPy (PYTHON overrides).
# Environment: PORT (18081), REPS (5 rounds), SECONDS_PER_RUN (4), WARMUP_SECONDS (10, a wrk run of
# each kind before the rounds, so that every path is compiled), JAVA (java), PYTHON
# (/usr/bin/python3), SKIP_BUILD=1 to reuse target/.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-18081}
REPS=${REPS:-5}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-4}
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

for tool in curl wrk "$JAVA" "$PYTHON"; do
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
say "jar: $jar ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' + working tree')); warm-up $WARMUP_SECONDS s per kind; $REPS rounds of $SECONDS_PER_RUN s per kind"
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

# Answers for the checks at the end: curl, one request each.
send() { # kind output -> "seconds bytes status"
    set_request "$1"
    curl -s -o "$2" -w '%{time_total} %{size_download} %{http_code}\n' -H 'Expect:' \
        -H "Content-Type: $type" -H "Accept: $accept" --data-binary @"$body" "$BASE$path"
}
set_request() { # kind -> type, accept, body, path
    type=application/json accept=application/json body=$json path=/loss/cross-entropy
    local multipart_type="multipart/form-data; boundary=$boundary"
    case "$1" in
        json-loss) path+=$LOSS_ONLY ;;
        npy-loss) path+=$LOSS_ONLY; type=$multipart_type; body=$multipart ;;
        json-full) ;;
        npz-full) type=$multipart_type; accept=application/x-npz; body=$multipart ;;
        npy-sink) type=$multipart_type; accept=text/plain; body=$multipart; path=/bench/sink ;;
    esac
}
clk_tck=$(getconf CLK_TCK)
server_cpu_ms() {
    sed 's/.*) //' "/proc/$server_pid/stat" | awk -v hz="$clk_tck" '{ print ($12 + $13) * 1000 / hz }'
}
# Timing: wrk, one connection, one request after another for $SECONDS_PER_RUN seconds: the body
# sits in wrk's memory and goes out in large writes, so that the time is the server's and the
# transport's, not a client's file handling (curl --data-binary alone takes about 11 ms to send
# 8.2 MB to a socket that discards it). Appends "median_ms min_ms cpu_ms_per_request requests".
timed() { # kind
    set_request "$1"
    local before after result
    before=$(server_cpu_ms)
    result=$(BODY=$body CONTENT_TYPE=$type ACCEPT=$accept \
        wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" -s scripts/wrk-file.lua "$BASE$path" | grep '^RESULT')
    after=$(server_cpu_ms)
    set -- "$1" $result # kind RESULT median min requests non-2xx socket-errors
    [[ "$6" == 0 && "$7" == 0 ]] || { echo "$1: $6 answers not 2xx, $7 socket errors" >&2; exit 1; }
    awk -v m="$3" -v n="$4" -v r="$5" -v a="$before" -v b="$after" \
        'BEGIN { printf "%.3f %.3f %.2f %d\n", m / 1000, n / 1000, (b - a) / r, r }' >>"$work/$1.txt"
}
compute() { curl -sf -X POST "$BASE/bench/compute?repetitions=${1:-1}" >>"$work/core.txt"; }

kinds="json-loss npy-loss json-full npz-full npy-sink"
log "warm-up: $WARMUP_SECONDS s of each kind, then the core 20 times"
for kind in $kinds; do send "$kind" "$work/$kind.out" >/dev/null; done
for kind in $kinds; do SECONDS_PER_RUN=$WARMUP_SECONDS timed "$kind"; done
compute 20
rm -f "$work"/*.txt
log "$REPS rounds of $SECONDS_PER_RUN s per kind, the core timed 5 times after each round"
for _ in $(seq "$REPS"); do
    for kind in $kinds; do timed "$kind"; done
    compute 5
done
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
declare -A ms min cpu bytes count
for kind in $kinds; do
    ms[$kind]=$(col "$kind" 1 | median_of)
    min[$kind]=$(col "$kind" 2 | min_of)
    cpu[$kind]=$(col "$kind" 3 | mean_of)
    count[$kind]=$(col "$kind" 4 | awk '{ s += $1 } END { print s }')
    bytes[$kind]=$(stat -c %s "$work/$kind.out")
done
core_of() { awk -v k="$1" '$4 == k { print $1 }' "$work/core.txt"; }
core_ms=$(core_of full | median2_of)
core_min=$(core_of full | sort -g | head -1)
core_loss_ms=$(core_of loss | median2_of)
r_loss=$(ratio "${ms[json-loss]}" "${ms[npy-loss]}")
r_full=$(ratio "${ms[json-full]}" "${ms[npz-full]}")
r_core=$(ratio "${ms[npy-loss]}" "$core_ms")
say ""
say "1024 x 1000 cross-entropy, POST /loss/cross-entropy; JSON body $json_bytes bytes, multipart body $multipart_bytes bytes"
say "  wrk, 1 connection: latency median of the $REPS runs' medians [lowest latency]; server CPU (all threads) per request; requests; response bytes"
for kind in $kinds; do
    say "$(printf '  %-10s %7s ms [%6s]  cpu %6s ms  %5d requests  response %9s bytes' "$kind" "${ms[$kind]}" "${min[$kind]}" "${cpu[$kind]}" "${count[$kind]}" "${bytes[$kind]}")"
done
say "$(printf '  %-10s %7s ms [%6s]  CrossEntropy.ofLogits, loss and gradient, in the server JVM, %d calls' core "$core_ms" "$core_min" "$((5 * REPS))")"
say "$(printf '  %-10s %7s ms           CrossEntropy.lossOfLogits, the loss alone (what npy-loss computes)' core-loss "$core_loss_ms")"
say ""
say "  json loss-only / npy loss-only: $r_loss x  (goal >= 10: $(status "$r_loss" 10 min))"
say "  json full / npz full:           $r_full x  (goal >= 10: $(status "$r_full" 10 min))"
say "  npy loss-only / core:           $r_core x  (goal <= 3: $(status "$r_core" 3 max); the core's loss and gradient)"

# --- the answers agree -----------------------------------------------------------------------
check=$("$PYTHON" - "$work/json-loss.out" "$work/npy-loss.out" "$work/json-full.out" "$work/npz-full.out" <<'EOF'
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
