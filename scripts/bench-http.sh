#!/usr/bin/env bash
# HTTP benchmark of loss-service (issue 4, point 3); the figures go to docs/benchmarks.md, ## HTTP.
#
# Starts the packaged jar and measures, in one run:
#  (a) throughput and p50/p99 latency of the seed-sized POST /loss/cross-entropy with wrk at 16
#      connections, and the same for a cheap endpoint of the same application (the stack's own
#      ceiling); prints seed / ceiling throughput (goal >= 80%);
#  (b) one 1024 x 1000 cross-entropy request (random full-precision logits, class targets), with
#      ?samples=false&gradient=false and with the full response: median time per request over
#      curl repetitions; and the time to parse the same bytes into double[] with the service's own
#      reader in the same JVM (POST /bench/parse, src/test/java/dev/lossservice/bench, on the jar's
#      class path with the bench profile), one parse after each request so that both see the same
#      machine; prints loss-only / parse (goal <= 1.5) and full / parse (goal <= 3).
#
# Environment: PORT (18091), CONNECTIONS (16), THREADS (wrk threads, 2), WARMUP (5s),
# DURATION (15s), REPS (9 requests of each kind, each followed by one in-JVM parse),
# BIG_WARMUPS (10 rounds of the same before timing), PARSE_WARMUPS (10) and PARSE_REPS (15) for the
# separate-JVM harness (ParseTimingMain, for information), CEILING_PATH (default /livez if it
# answers 200, else /actuator/health/liveness), JAVA (java), SKIP_BUILD=1 to reuse target/,
# PROFILE=1 to record JFR during the timed 1024 x 1000 requests and print the top frames.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-18091}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-15s}
REPS=${REPS:-9}
BIG_WARMUPS=${BIG_WARMUPS:-10}
PARSE_WARMUPS=${PARSE_WARMUPS:-10}
PARSE_REPS=${PARSE_REPS:-15}
JAVA=${JAVA:-java}
BASE="http://127.0.0.1:$PORT"

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

log() { echo "[bench-http] $*" >&2; }
summary=()
say() { summary+=("$*"); }

for tool in wrk curl "$JAVA"; do
    command -v "$tool" >/dev/null || { echo "needs $tool on PATH" >&2; exit 1; }
done

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    log "building (mvnw package, tests skipped but compiled)"
    ./mvnw -B -q -DskipTests package
fi
jar=$(ls target/loss-service-*.jar | grep -v -- '-plain' | head -1)
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
classpath="target/classes:target/test-classes:$(cat "$work/cp.txt")"

# --- machine ---------------------------------------------------------------------------------
say "== loss-service HTTP benchmark, $(date -u '+%Y-%m-%dT%H:%M:%SZ') =="
say "machine: nproc=$(nproc), cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
say "java: $("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
say "jar: $jar; wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), -t$THREADS -c$CONNECTIONS, warm-up $WARMUP, measured $DURATION"
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- server ----------------------------------------------------------------------------------
# The packaged jar, started by its PropertiesLauncher so that the bench package of the test classes
# (only that package) joins its class path; the bench profile turns on POST /bench/parse.
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

# --- (a) seed-sized requests vs the stack's ceiling ------------------------------------------
if [[ -z "${CEILING_PATH:-}" ]]; then
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/livez") == 200 ]]; then
        CEILING_PATH=/livez
    else
        CEILING_PATH=/actuator/health/liveness
    fi
fi
seed_loss=$(curl -s -H 'Content-Type: application/json' \
    -d '{"logits":[[-1.0606,1.5613,1.2007,-0.2481],[-1.9652,-0.4367,-0.0645,-0.5104],[0.1011,-0.5904,0.0243,0.1002]],"target":[0,2,1]}' \
    "$BASE/loss/cross-entropy" | sed -E 's/^\{"loss":([^,]*),.*/\1/')
[[ "$seed_loss" == 2.0373472850337726 ]] || { echo "seed request answered loss $seed_loss" >&2; exit 1; }

# Prints "requests/s p50_ms p99_ms errors" from wrk --latency output.
wrk_figures() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
            if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
            return v
        }
        /Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
        END { printf "%s %.2f %.2f %d\n", rps, p50, p99, errors }'
}
run_wrk() { # name duration url [lua]
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency)
    [[ $# -ge 4 ]] && args+=(-s "$4")
    wrk "${args[@]}" "$3" >"$work/wrk-$1.txt"
    wrk_figures <"$work/wrk-$1.txt"
}
log "(a) warm-up: $WARMUP on each endpoint"
run_wrk warm-ceiling "$WARMUP" "$BASE$CEILING_PATH" >/dev/null
run_wrk warm-seed "$WARMUP" "$BASE/loss/cross-entropy" scripts/wrk-seed.lua >/dev/null
log "(a) measuring $DURATION on each endpoint"
read -r c_rps c_p50 c_p99 c_err < <(run_wrk ceiling "$DURATION" "$BASE$CEILING_PATH")
read -r s_rps s_p50 s_p99 s_err < <(run_wrk seed "$DURATION" "$BASE/loss/cross-entropy" scripts/wrk-seed.lua)
ratio_a=$(awk -v s="$s_rps" -v c="$c_rps" 'BEGIN { printf "%.1f", 100 * s / c }')
status_a=$(awk -v r="$ratio_a" 'BEGIN { print (r >= 80 ? "MET" : "MISSED") }')
say ""
say "(a) seed-sized requests, $CONNECTIONS connections, $DURATION each"
say "$(printf '  %-42s %10s req/s  p50 %8s ms  p99 %8s ms  errors %s' "GET $CEILING_PATH (ceiling)" "$c_rps" "$c_p50" "$c_p99" "$c_err")"
say "$(printf '  %-42s %10s req/s  p50 %8s ms  p99 %8s ms  errors %s' "POST /loss/cross-entropy (seed, 3 x 4)" "$s_rps" "$s_p50" "$s_p99" "$s_err")"
say "  seed / ceiling throughput: $ratio_a %  (goal >= 80 %: $status_a)"

# --- (b) one 1024 x 1000 request -------------------------------------------------------------
body="$work/ce-1024x1000.json"
"$JAVA" -cp "$classpath" dev.lossservice.bench.ParseTimingMain write "$body" 1024 1000
body_bytes=$(stat -c %s "$body")
curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$body" "$BASE/bench/body" >/dev/null
post_big() { # query [output] -> "seconds bytes status"
    curl -s -o "${2:-$work/big-response.json}" -w '%{time_total} %{size_download} %{http_code}\n' \
        -H 'Content-Type: application/json' --data-binary @"$body" "$BASE/loss/cross-entropy$1"
}
check_big() { # "seconds bytes status"
    set -- $1
    [[ "$3" == 200 ]] || { echo "1024 x 1000 request answered $3: $(head -c 300 "$work/big-response.json")" >&2; exit 1; }
    echo "$1 $2"
}
parse_in_jvm() { # one parse of the same bytes in the server's JVM -> "wall_ms cpu_ms"
    curl -sf -X POST "$BASE/bench/parse?repetitions=1" | awk '{ print $1, $2 }'
}
clk_tck=$(getconf CLK_TCK)
server_cpu_ms() { # user + system CPU time of the server process, all threads
    sed 's/.*) //' "/proc/$server_pid/stat" | awk -v hz="$clk_tck" '{ print ($12 + $13) * 1000 / hz }'
}
timed_big() { # query output cpu-file -> appends the request's server CPU ms; prints "seconds bytes"
    local before after line
    before=$(server_cpu_ms)
    line=$(check_big "$(post_big "$1" "$2")")
    after=$(server_cpu_ms)
    awk -v a="$before" -v b="$after" 'BEGIN { print b - a }' >>"$3"
    echo "$line"
}
log "(b) 1024 x 1000: $BIG_WARMUPS warm-up rounds, then $REPS rounds of: loss-only request, parse, full request, parse"
for _ in $(seq "$BIG_WARMUPS"); do
    check_big "$(post_big '?samples=false&gradient=false')" >/dev/null
    parse_in_jvm >/dev/null
    check_big "$(post_big '')" >/dev/null
    parse_in_jvm >/dev/null
done
if [[ "${PROFILE:-}" == 1 ]]; then
    jcmd "$server_pid" JFR.start name=bench settings=profile >/dev/null
fi
: >"$work/loss-only.txt"
: >"$work/full.txt"
: >"$work/parse.txt"
: >"$work/loss-only-cpu.txt"
: >"$work/full-cpu.txt"
# Alternation, not blocks: this machine's speed drifts by up to 1.5x for seconds at a time (a plain
# arithmetic loop shows it too), and each ratio must compare timings taken under the same drift.
for _ in $(seq "$REPS"); do
    timed_big '?samples=false&gradient=false' "$work/big-response.json" "$work/loss-only-cpu.txt" >>"$work/loss-only.txt"
    parse_in_jvm >>"$work/parse.txt"
    timed_big '' /dev/null "$work/full-cpu.txt" >>"$work/full.txt"
    parse_in_jvm >>"$work/parse.txt"
done
http_loss_sum=$(post_big '?samples=false&gradient=false' >/dev/null;
    sed -E 's/.*"lossSum":([^,]*),.*/\1/' "$work/big-response.json")
median_of() { sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
min_of() { sort -g | head -1 | awk '{ printf "%.1f", $1 }'; }
mean_of() { awk '{ s += $1 } END { printf "%.1f", s / NR }'; }
loss_only_ms=$(awk '{ print $1 * 1000 }' "$work/loss-only.txt" | median_of)
loss_only_min=$(awk '{ print $1 * 1000 }' "$work/loss-only.txt" | min_of)
full_ms=$(awk '{ print $1 * 1000 }' "$work/full.txt" | median_of)
full_min=$(awk '{ print $1 * 1000 }' "$work/full.txt" | min_of)
parse_ms=$(awk '{ print $1 }' "$work/parse.txt" | median_of)
parse_min=$(awk '{ print $1 }' "$work/parse.txt" | min_of)
parse_cpu=$(awk '{ print $2 }' "$work/parse.txt" | mean_of)
loss_only_cpu=$(mean_of <"$work/loss-only-cpu.txt")
full_cpu=$(mean_of <"$work/full-cpu.txt")
loss_only_bytes=$(awk 'NR == 1 { print $2 }' "$work/loss-only.txt")
full_bytes=$(awk 'NR == 1 { print $2 }' "$work/full.txt")
if [[ "${PROFILE:-}" == 1 ]]; then
    jcmd "$server_pid" JFR.dump name=bench filename="$work/bench.jfr" >/dev/null
    # Top frames of the execution samples taken while the timed 1024 x 1000 requests ran.
    profile=$(jfr print --events jdk.ExecutionSample "$work/bench.jfr" | awk '
        /stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/\(.*/, ""); top[$0]++; total++ }
        END { for (f in top) printf "%6d %5.1f%%  %s\n", top[f], 100 * top[f] / total, f }' |
        sort -rn | head -15)
fi
stop_server

# The same parse in a JVM of its own, for information: the parse of the goal is the in-JVM one.
log "(b) separate-JVM harness: $PARSE_WARMUPS warm-ups, $PARSE_REPS repetitions (server stopped)"
"$JAVA" -cp "$classpath" dev.lossservice.bench.ParseTimingMain time "$body" \
    "$PARSE_WARMUPS" "$PARSE_REPS" >"$work/harness.txt"
figure() { sed -n "s/^$1=//p" "$work/harness.txt"; }
ratio() { awk -v a="$1" -v p="$2" 'BEGIN { printf "%.2f", a / p }'; }
ratio_loss=$(ratio "$loss_only_ms" "$parse_ms")
ratio_full=$(ratio "$full_ms" "$parse_ms")
status() { awk -v r="$1" -v g="$2" 'BEGIN { print (r <= g ? "MET" : "MISSED") }'; }
say ""
say "(b) one 1024 x 1000 cross-entropy request, body $body_bytes bytes; $REPS rounds of loss-only request, in-JVM parse, full request, in-JVM parse"
say "    wall time: median (min in brackets); cpu: server process CPU time (all threads) per request, mean"
say "  loss only (?samples=false&gradient=false): $loss_only_ms ms [$loss_only_min], cpu $loss_only_cpu ms, response $loss_only_bytes bytes"
say "  full response:                              $full_ms ms [$full_min], cpu $full_cpu ms, response $full_bytes bytes"
say "  parse only, in the server's JVM (RequestBodyConverter.read on the same bytes, $((2 * REPS)) parses): $parse_ms ms [$parse_min], cpu $parse_cpu ms (parsing thread)"
say "  parse only, separate JVM (ParseTimingMain, median of $PARSE_REPS after $PARSE_WARMUPS warm-ups, for information): $(figure parse_ms_median) ms [$(figure parse_ms_min)]"
say "  compute only (CrossEntropy on the parsed request, separate JVM, for information): $(figure compute_ms_median) ms"
say "  lossSum over HTTP $http_loss_sum, in the harness $(figure loss_sum)$([[ "$http_loss_sum" == "$(figure loss_sum)" ]] && echo " (equal)" || echo " (DIFFERENT)")"
say "  wall-time ratios (median / median, and min / min):"
say "  loss-only / parse: $ratio_loss  (goal <= 1.5: $(status "$ratio_loss" 1.5)); min / min $(ratio "$loss_only_min" "$parse_min")"
say "  full / parse:      $ratio_full  (goal <= 3: $(status "$ratio_full" 3)); min / min $(ratio "$full_min" "$parse_min")"
say "  same ratios in CPU time (server process, all threads, against the parsing thread):"
say "    loss-only / parse $(ratio "$loss_only_cpu" "$parse_cpu"), full / parse $(ratio "$full_cpu" "$parse_cpu")"
if [[ -n "${profile:-}" ]]; then
    say "  JFR execution samples during the timed 1024 x 1000 requests, top frames (self):"
    while IFS= read -r line; do say "    $line"; done <<<"$profile"
fi
say ""
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${summary[@]}"
