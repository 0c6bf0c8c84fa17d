#!/usr/bin/env bash
# HTTP benchmark of loss-service; the figures go to docs/benchmarks.md (## HTTP, ## Request path cost).
#
# Starts the packaged jar and measures, in one run:
#  (a) the seed-sized POST /loss/cross-entropy (scripts/wrk-seed.lua) against the real ceiling: a
#      trivial Spring Boot application of the same Boot version with Boot's defaults only
#      (bench/trivial-endpoint, never in the service's jar), whose one POST endpoint binds the same
#      body to a record of double[][] and int[] with plain Jackson data binding and answers a
#      constant; and the same service jar with its own servlet filters taken out (limits/, ops/;
#      src/test/java/dev/lossservice/bench/ServiceFilterBypass), so that their cost is visible.
#      wrk at 16 connections; after a warm-up of each, ROUNDS rounds of trivial, seed, seed without
#      the service's filters, one after the other (every other round in the reverse order), so that
#      each ratio compares neighbours in time.
#      Per run: requests/s, p50/p99 latency and the server process's CPU time per request. Prints
#      seed / trivial throughput (goal >= 80 %) per round with its median and spread.
#  (b) one 1024 x 1000 cross-entropy request (random full-precision logits, class targets), with
#      ?samples=false&gradient=false and with the full response: median time per request over
#      curl repetitions; and the time to parse the same bytes into double[] with the service's own
#      reader in the same JVM (POST /bench/parse, src/test/java/dev/lossservice/bench, on the jar's
#      class path with the bench profile), one parse after each request so that both see the same
#      machine; prints loss-only / parse (goal <= 1.5) and full / parse (goal <= 3).
#
# Environment: PORT (18091, the service), TRIVIAL_PORT (18081), UNFILTERED_PORT (18090, the service
# without its filters), UNFILTERED_ARGS (--bench.bypass-service-filters=true: what makes the third
# server differ; e.g. --management.observations.enable.http.server.requests=false measures the
# observation instead), CONNECTIONS (16), THREADS (wrk threads, 2), WARMUP (10s on each server),
# DURATION (10s per run), ROUNDS (5), REPS (9 requests of each kind, each followed by one in-JVM
# parse), BIG_WARMUPS (10 rounds of the same before timing), PARSE_WARMUPS (10) and PARSE_REPS (15)
# for the separate-JVM harness (ParseTimingMain, for information), JAVA (java), SKIP_BUILD=1 to
# reuse target/ and bench/trivial-endpoint/target/, SKIP_BIG=1 to measure (a) only,
# PROFILE=1 to record JFR: in (a) one more PROFILE_DURATION (20s) run of the trivial endpoint and of
# the seed, each with Java execution samples every millisecond, printed by part of the request
# path (scripts/jfr_request_profile.py), the recordings kept in JFR_DIR if set; in (b) during the
# timed 1024 x 1000 requests, top frames.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-18091}
TRIVIAL_PORT=${TRIVIAL_PORT:-18081}
UNFILTERED_PORT=${UNFILTERED_PORT:-18090}
UNFILTERED_ARGS=${UNFILTERED_ARGS:---bench.bypass-service-filters=true}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10s}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-5}
PROFILE_DURATION=${PROFILE_DURATION:-20s}
REPS=${REPS:-9}
BIG_WARMUPS=${BIG_WARMUPS:-10}
PARSE_WARMUPS=${PARSE_WARMUPS:-10}
PARSE_REPS=${PARSE_REPS:-15}
JAVA=${JAVA:-java}
BASE="http://127.0.0.1:$PORT"
TRIVIAL="http://127.0.0.1:$TRIVIAL_PORT"
UNFILTERED="http://127.0.0.1:$UNFILTERED_PORT"

work=$(mktemp -d)
server_pid=
trivial_pid=
unfiltered_pid=
stop_pid() {
    if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
stop_server() {
    stop_pid "$server_pid"
    server_pid=
}
cleanup() {
    stop_pid "$trivial_pid"
    stop_pid "$unfiltered_pid"
    stop_server
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[bench-http] $*" >&2; }
summary=()
say() { summary+=("$*"); }

for tool in wrk curl python3 "$JAVA"; do
    command -v "$tool" >/dev/null || { echo "needs $tool on PATH" >&2; exit 1; }
done

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    log "building (mvnw package, tests skipped but compiled; and bench/trivial-endpoint)"
    ./mvnw -B -q -DskipTests package
    ./mvnw -B -q -f bench/trivial-endpoint/pom.xml package
fi
jar=$(ls target/loss-service-*.jar | grep -v -- '-plain' | head -1)
trivial_jar=bench/trivial-endpoint/target/trivial-endpoint.jar
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
classpath="target/classes:target/test-classes:$(cat "$work/cp.txt")"

# --- machine ---------------------------------------------------------------------------------
say "== loss-service HTTP benchmark, $(date -u '+%Y-%m-%dT%H:%M:%SZ') =="
say "machine: nproc=$(nproc), cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
say "java: $("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
say "jar: $jar ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' + working tree')); ceiling: $trivial_jar"
say "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), -t$THREADS -c$CONNECTIONS, warm-up $WARMUP each, $ROUNDS rounds of $DURATION each"
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- servers ---------------------------------------------------------------------------------
jvm_opts=()
[[ "${PROFILE:-}" == 1 ]] && jvm_opts+=(-XX:FlightRecorderOptions:stackdepth=256)
# The packaged jar, started by its PropertiesLauncher so that the bench package of the test classes
# (only that package) joins its class path; the bench profile turns on POST /bench/parse (and, with
# UNFILTERED_ARGS, ServiceFilterBypass).
mkdir -p "$work/bench-classes/dev/lossservice"
cp -r target/test-classes/dev/lossservice/bench "$work/bench-classes/dev/lossservice/"
start_service() { # port log [args...] -> pid on stdout
    local port=$1 out=$2
    shift 2
    "$JAVA" "${jvm_opts[@]}" -Dloader.path="$work/bench-classes" -cp "$jar" \
        org.springframework.boot.loader.launch.PropertiesLauncher \
        --server.port="$port" --spring.profiles.active=bench "$@" >"$out" 2>&1 &
    echo $!
}
wait_ready() { # url pid log
    local code
    for _ in $(seq 240); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)
        [[ "$code" == 200 ]] && return 0
        kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
        sleep 0.5
    done
    echo "server not ready after 120 s: $1" >&2
    exit 1
}
log "starting $jar on port $PORT, the same on $UNFILTERED_PORT ($UNFILTERED_ARGS), $trivial_jar on $TRIVIAL_PORT"
server_pid=$(start_service "$PORT" "$work/server.log")
# shellcheck disable=SC2086
unfiltered_pid=$(start_service "$UNFILTERED_PORT" "$work/unfiltered.log" $UNFILTERED_ARGS)
"$JAVA" "${jvm_opts[@]}" -jar "$trivial_jar" --server.port="$TRIVIAL_PORT" >"$work/trivial.log" 2>&1 &
trivial_pid=$!
wait_ready "$BASE/actuator/health/readiness" "$server_pid" "$work/server.log"
wait_ready "$UNFILTERED/actuator/health/readiness" "$unfiltered_pid" "$work/unfiltered.log"

# --- (a) seed-sized requests against the trivial endpoint ------------------------------------
seed_body=$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p; s/^  \.\. '\(.*\)'$/\1/p" scripts/wrk-seed.lua | tr -d '\n')
post_seed() { curl -s -H 'Content-Type: application/json' -d "$seed_body" "$1"; }
for _ in $(seq 240); do
    [[ "$(post_seed "$TRIVIAL/trivial" || true)" == '{"received":true}' ]] && break
    kill -0 "$trivial_pid" 2>/dev/null || { cat "$work/trivial.log" >&2; exit 1; }
    sleep 0.5
done
[[ "$(post_seed "$TRIVIAL/trivial")" == '{"received":true}' ]] || { echo "trivial endpoint not answering" >&2; exit 1; }
for url in "$BASE" "$UNFILTERED"; do
    seed_loss=$(post_seed "$url/loss/cross-entropy" | sed -E 's/^\{"loss":([^,]*),.*/\1/')
    [[ "$seed_loss" == 2.0373472850337726 ]] || { echo "seed request at $url answered loss $seed_loss" >&2; exit 1; }
done
# The unfiltered server really runs without the service's filters: no nosniff header.
if [[ "$UNFILTERED_ARGS" == *bypass-service-filters* ]] &&
    curl -s -D - -o /dev/null "$UNFILTERED/livez" | grep -qi '^X-Content-Type-Options'; then
    echo "the server on $UNFILTERED_PORT still runs the service's filters" >&2
    exit 1
fi

# Prints "requests/s p50_ms p99_ms errors requests" from wrk --latency output.
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
        / requests in / { requests = $1 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
        END { printf "%s %.2f %.2f %d %d\n", rps, p50, p99, errors, requests }'
}
clk_tck=$(getconf CLK_TCK)
cpu_ms_of() { # pid -> user + system CPU time of the process, all threads, in ms
    sed 's/.*) //' "/proc/$1/stat" | awk -v hz="$clk_tck" '{ print ($12 + $13) * 1000 / hz }'
}
server_cpu_ms() { cpu_ms_of "$server_pid"; }
# run_wrk name duration url pid: prints "requests/s p50 p99 errors requests cpu_us_per_request"
run_wrk() {
    local before after
    before=$(cpu_ms_of "$4")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s scripts/wrk-seed.lua "$3" >"$work/wrk-$1.txt"
    after=$(cpu_ms_of "$4")
    wrk_figures <"$work/wrk-$1.txt" |
        awk -v a="$before" -v b="$after" '{ printf "%s %s %s %s %s %.1f\n", $1, $2, $3, $4, $5, $5 ? 1000 * (b - a) / $5 : 0 }'
}
names=(trivial seed unfiltered)
declare -A url_of=([trivial]="$TRIVIAL/trivial" [seed]="$BASE/loss/cross-entropy" [unfiltered]="$UNFILTERED/loss/cross-entropy")
declare -A pid_of=([trivial]=$trivial_pid [seed]=$server_pid [unfiltered]=$unfiltered_pid)
log "(a) warm-up: $WARMUP on each server"
for name in "${names[@]}"; do run_wrk "warm-$name" "$WARMUP" "${url_of[$name]}" "${pid_of[$name]}" >/dev/null; done
log "(a) $ROUNDS rounds of $DURATION on each server, alternating"
declare -A rounds
# Every other round runs the servers in the reverse order, so that a drift of the machine's speed
# during a round does not always favour the same server.
for round in $(seq "$ROUNDS"); do
    order=("${names[@]}")
    ((round % 2 == 0)) && order=("${names[2]}" "${names[1]}" "${names[0]}")
    for name in "${order[@]}"; do
        rounds[$name]+="$(run_wrk "$name-$round" "$DURATION" "${url_of[$name]}" "${pid_of[$name]}")"$'\n'
    done
done
median() { sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_of() { printf '%s' "${rounds[$1]}" | awk -v c="$2" 'NF { print $c }'; }
per_round_ratio() { # numerator denominator column -> one ratio in % per round
    paste <(column_of "$1" "$3") <(column_of "$2" "$3") | awk '{ printf "%.1f\n", 100 * $1 / $2 }'
}
spread() { sort -g | awk '{ v[NR] = $1 } END { printf "%s .. %s", v[1], v[NR] }'; }
say ""
say "(a) seed-sized requests, wrk -c$CONNECTIONS, $ROUNDS alternating rounds of $DURATION; per round: req/s, p50/p99 ms, server CPU us per request"
labels=([0]="POST /trivial (Boot defaults, constant answer)" [1]="POST /loss/cross-entropy (seed, 3 x 4)" [2]="POST /loss/cross-entropy, $UNFILTERED_ARGS")
for i in 0 1 2; do
    name=${names[$i]}
    say "  ${labels[$i]}"
    round=0
    while read -r rps p50 p99 err reqs cpu; do
        round=$((round + 1))
        say "$(printf '    round %d: %9s req/s  p50 %6s ms  p99 %7s ms  cpu %6s us/req  errors %s' "$round" "$rps" "$p50" "$p99" "$cpu" "$err")"
    done < <(printf '%s' "${rounds[$name]}" | awk 'NF')
    say "$(printf '    median:  %9s req/s                                  cpu %6s us/req' "$(column_of "$name" 1 | median)" "$(column_of "$name" 6 | median)")"
done
ratio_rounds=$(per_round_ratio seed trivial 1)
ratio_a=$(median <<<"$ratio_rounds")
status_a=$(awk -v r="$ratio_a" 'BEGIN { print (r >= 80 ? "MET" : "MISSED") }')
say "  seed / trivial throughput, per round: $(tr '\n' ' ' <<<"$ratio_rounds")%"
say "    median $ratio_a %, spread $(spread <<<"$ratio_rounds") %  (goal >= 80 %: $status_a)"
say "  trivial / seed CPU per request, per round: $(per_round_ratio trivial seed 6 | tr '\n' ' ')%"
say "  seed with its filters / seed $UNFILTERED_ARGS, throughput per round: $(per_round_ratio seed unfiltered 1 | tr '\n' ' ')%"
say "    median $(per_round_ratio seed unfiltered 1 | median) %; CPU per request, seed minus unfiltered, per round:" \
    "$(paste <(column_of seed 6) <(column_of unfiltered 6) | awk '{ printf "%.1f ", $1 - $2 }')us"

if [[ "${PROFILE:-}" == 1 ]]; then
    # Java execution samples every millisecond, nothing else: a recording that costs little.
    cat >"$work/samples.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="request path" description="Java execution samples every millisecond">
  <event name="jdk.ExecutionSample">
    <setting name="enabled">true</setting>
    <setting name="period">1 ms</setting>
  </event>
</configuration>
JFC
    for name in trivial seed; do
        pid=${pid_of[$name]}
        jcmd "$pid" JFR.start name=path settings="$work/samples.jfc" >/dev/null
        read -r rps _ < <(run_wrk "profile-$name" "$PROFILE_DURATION" "${url_of[$name]}" "$pid")
        jcmd "$pid" JFR.dump name=path filename="$work/$name.jfr" >/dev/null
        jcmd "$pid" JFR.stop name=path >/dev/null
        say ""
        say "  JFR profile of ${url_of[$name]}, $PROFILE_DURATION at $rps req/s while recording:"
        while IFS= read -r line; do say "$line"; done < <(python3 scripts/jfr_request_profile.py "$work/$name.jfr" 20)
        if [[ -n "${JFR_DIR:-}" ]]; then cp "$work/$name.jfr" "$JFR_DIR/"; fi
    done
fi
stop_pid "$trivial_pid"
stop_pid "$unfiltered_pid"
if [[ "${SKIP_BIG:-}" == 1 ]]; then
    stop_server
    say ""
    say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%s\n' "${summary[@]}"
    exit 0
fi

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
