#!/usr/bin/env bash
# HTTP benchmark of loss-service (issue 4, point 3); the figures go to docs/benchmarks.md, ## HTTP.
#
# Starts the packaged jar and measures, in one run:
#  (a) throughput and p50/p99 latency of the seed-sized POST /loss/cross-entropy with wrk at 16
#      connections, and the same for a cheap endpoint of the same application (the stack's own
#      ceiling); prints seed / ceiling throughput (goal >= 80%);
#  (b) one 1024 x 1000 cross-entropy request (random full-precision logits, class targets), with
#      ?samples=false&gradient=false and with the full response: median time per request over
#      curl repetitions; then the time to parse the same bytes into double[] with the service's own
#      reader (ParseTimingMain, warm, median); prints loss-only / parse (goal <= 1.5) and
#      full / parse (goal <= 3).
#
# Environment: PORT (18091), CONNECTIONS (16), THREADS (wrk threads, 2), WARMUP (5s),
# DURATION (15s), REPS (7), PARSE_WARMUPS (10; also the number of warm-up 1024 x 1000 requests of
# each kind), PARSE_REPS (15), CEILING_PATH (default /livez if it
# answers 200, else /actuator/health/liveness), JAVA (java), SKIP_BUILD=1 to reuse target/,
# PROFILE=1 to record JFR during the timed 1024 x 1000 requests and print the top frames.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-18091}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-15s}
REPS=${REPS:-7}
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
log "starting $jar on port $PORT"
"$JAVA" -jar "$jar" --server.port="$PORT" >"$work/server.log" 2>&1 &
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
post_big() { # query [output] -> "seconds bytes status"
    curl -s -o "${2:-$work/big-response.json}" -w '%{time_total} %{size_download} %{http_code}\n' \
        -H 'Content-Type: application/json' --data-binary @"$body" "$BASE/loss/cross-entropy$1"
}
check_big() { # "seconds bytes status"
    set -- $1
    [[ "$3" == 200 ]] || { echo "1024 x 1000 request answered $3: $(head -c 300 "$work/big-response.json")" >&2; exit 1; }
    echo "$1 $2"
}
# As many warm-up requests of each kind as the parse harness has warm-up parses, so that both JVMs
# have compiled the same reader as far.
log "(b) 1024 x 1000: $PARSE_WARMUPS warm-up requests of each kind, then $REPS of each"
for _ in $(seq "$PARSE_WARMUPS"); do
    check_big "$(post_big '?samples=false&gradient=false')" >/dev/null
    check_big "$(post_big '')" >/dev/null
done
if [[ "${PROFILE:-}" == 1 ]]; then
    jcmd "$server_pid" JFR.start name=bench settings=profile >/dev/null
fi
: >"$work/loss-only.txt"
: >"$work/full.txt"
clk_tck=$(getconf CLK_TCK)
server_cpu_ms() { # user + system CPU time of the server process, all threads
    sed 's/.*) //' "/proc/$server_pid/stat" | awk -v hz="$clk_tck" '{ print ($12 + $13) * 1000 / hz }'
}
# Blocks rather than alternation, so that the server's CPU time can be charged to each kind.
cpu0=$(server_cpu_ms)
for _ in $(seq "$REPS"); do
    check_big "$(post_big '?samples=false&gradient=false')" >>"$work/loss-only.txt"
done
cpu1=$(server_cpu_ms)
for _ in $(seq "$REPS"); do
    check_big "$(post_big '' /dev/null)" >>"$work/full.txt"
done
cpu2=$(server_cpu_ms)
loss_only_cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$REPS" 'BEGIN { printf "%.1f", (b - a) / n }')
full_cpu=$(awk -v a="$cpu1" -v b="$cpu2" -v n="$REPS" 'BEGIN { printf "%.1f", (b - a) / n }')
http_loss_sum=$(post_big '?samples=false&gradient=false' >/dev/null;
    sed -E 's/.*"lossSum":([^,]*),.*/\1/' "$work/big-response.json")
median_ms() { awk '{ print $1 * 1000 }' "$1" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
min_ms() { awk '{ print $1 * 1000 }' "$1" | sort -g | head -1; }
loss_only_ms=$(median_ms "$work/loss-only.txt")
full_ms=$(median_ms "$work/full.txt")
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

log "(b) parse-only harness: $PARSE_WARMUPS warm-ups, $PARSE_REPS repetitions (server stopped)"
"$JAVA" -cp "$classpath" dev.lossservice.bench.ParseTimingMain time "$body" \
    "$PARSE_WARMUPS" "$PARSE_REPS" >"$work/parse.txt"
figure() { sed -n "s/^$1=//p" "$work/parse.txt"; }
parse_ms=$(figure parse_ms_median)
ratio_loss=$(awk -v a="$loss_only_ms" -v p="$parse_ms" 'BEGIN { printf "%.2f", a / p }')
ratio_full=$(awk -v a="$full_ms" -v p="$parse_ms" 'BEGIN { printf "%.2f", a / p }')
parse_cpu=$(figure parse_cpu_ms_mean)
cpu_ratio_loss=$(awk -v a="$loss_only_cpu" -v p="$parse_cpu" 'BEGIN { printf "%.2f", a / p }')
cpu_ratio_full=$(awk -v a="$full_cpu" -v p="$parse_cpu" 'BEGIN { printf "%.2f", a / p }')
say ""
say "(b) one 1024 x 1000 cross-entropy request, body $body_bytes bytes; wall time: median of $REPS (min in brackets); cpu: server process CPU time (all threads) per request"
say "  loss only (?samples=false&gradient=false): $loss_only_ms ms [$(min_ms "$work/loss-only.txt" | awk '{printf "%.1f", $1}')], cpu $loss_only_cpu ms, response $loss_only_bytes bytes"
say "  full response:                              $full_ms ms [$(min_ms "$work/full.txt" | awk '{printf "%.1f", $1}')], cpu $full_cpu ms, response $full_bytes bytes"
say "  parse only (RequestBodyConverter.read, same bytes, warm, median of $PARSE_REPS): $parse_ms ms [$(figure parse_ms_min)], cpu $parse_cpu ms (harness process)"
say "  compute only (CrossEntropy on the parsed request, for information): $(figure compute_ms_median) ms"
say "  lossSum over HTTP $http_loss_sum, in the harness $(figure loss_sum)"
say "  wall-time ratios:"
say "  loss-only / parse: $ratio_loss  (goal <= 1.5: $(awk -v r="$ratio_loss" 'BEGIN { print (r <= 1.5 ? "MET" : "MISSED") }'))"
say "  full / parse:      $ratio_full  (goal <= 3: $(awk -v r="$ratio_full" 'BEGIN { print (r <= 3 ? "MET" : "MISSED") }'))"
say "  same ratios in CPU time (less sensitive to other load; the goals are stated for wall time):"
say "    loss-only / parse $cpu_ratio_loss, full / parse $cpu_ratio_full"
if [[ -n "${profile:-}" ]]; then
    say "  JFR execution samples during the timed 1024 x 1000 requests, top frames (self):"
    while IFS= read -r line; do say "    $line"; done <<<"$profile"
fi
say ""
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${summary[@]}"
