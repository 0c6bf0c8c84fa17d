#!/usr/bin/env bash
# Startup benchmark of loss-service (issue 4, point 4); the figures go to docs/benchmarks.md,
# ## Startup.
#
# For each launch mode, RUNS times: the wall time from launching the JVM until
# GET /actuator/health/readiness answers 200 (polled every 50 ms), and Spring's own
# "Started ... in X seconds" figure; prints the median of each. Modes:
#   jar        java -jar target/loss-service-*.jar
#   extracted  java -jar app.jar in the layout of `java -Djarmode=tools -jar ... extract --layers`
#              with the four layer directories merged into one (as the Dockerfile does)
#   cds        extracted, with a dynamic CDS archive trained by
#              -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh and used
#              with -XX:SharedArchiveFile=application.jsa (the Dockerfile's flags)
#   and, for information, Temurin 25 (TEMURIN25) on the extracted layout without and with an AOT
#   cache (JEP 514/515: -XX:AOTCacheOutput=app.aot at training, -XX:AOTCache=app.aot at run).
#
# Environment: PORT (18093), RUNS (3), JAVA (java), TEMURIN25
# (/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; skipped when absent), SKIP_BUILD=1 to reuse target/.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-18093}
RUNS=${RUNS:-3}
JAVA=${JAVA:-java}
TEMURIN25=${TEMURIN25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
READY="http://127.0.0.1:$PORT/actuator/health/readiness"

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

log() { echo "[bench-startup] $*" >&2; }
summary=()
say() { summary+=("$*"); }

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    log "building (mvnw package, tests skipped)"
    ./mvnw -B -q -DskipTests package
fi
jar=$(ls target/loss-service-*.jar | grep -v -- '-plain' | head -1)

say "== loss-service startup benchmark, $(date -u '+%Y-%m-%dT%H:%M:%SZ') =="
say "machine: nproc=$(nproc), cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
say "java: $("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
say "jar: $jar; $RUNS runs per mode; ready = first 200 from /actuator/health/readiness"
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# Extracted layout, layers merged into one directory as in the Dockerfile's runtime stage.
log "extracting $jar"
cp "$jar" "$work/app.jar"
"$JAVA" -Djarmode=tools -jar "$work/app.jar" extract --layers --destination "$work/layers" >/dev/null
mkdir -p "$work/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    if [[ -d "$work/layers/$layer" ]]; then
        cp -a "$work/layers/$layer/." "$work/app/"
    fi
done
app_jar=app.jar
[[ -f "$work/app/$app_jar" ]] || { echo "no $app_jar in the extracted layout: $(ls "$work/app")" >&2; exit 1; }

# Runs the application in directory $1 with the JVM $2 and the JVM options after, once; prints
# "ready_ms started_s". Spring's figure is "Started LossServiceApplication in X seconds".
run_once() {
    local dir=$1 java=$2
    shift 2
    local out="$work/run.log" start end code=
    start=$(date +%s%N)
    (cd "$dir" && exec "$java" "$@" -jar "$app_jar_in_dir" --server.port="$PORT") >"$out" 2>&1 &
    server_pid=$!
    while true; do
        code=$(curl -s -o /dev/null --max-time 1 -w '%{http_code}' "$READY" || true)
        [[ "$code" == 200 ]] && break
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "the application exited before it was ready:" >&2
            tail -20 "$out" >&2
            exit 1
        fi
        if (($(date +%s%N) - start > 180000000000)); then
            echo "not ready after 180 s" >&2
            exit 1
        fi
        sleep 0.05
    done
    end=$(date +%s%N)
    stop_server
    local started
    started=$(sed -n 's/.*Started .* in \([0-9.]*\) seconds.*/\1/p' "$out" | head -1)
    echo "$(((end - start) / 1000000)) ${started:-?}"
}

median() { sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Measures one mode: label, directory, jar name in it, JVM, JVM options.
measure() {
    local label=$1 dir=$2 java=$4
    app_jar_in_dir=$3
    shift 4
    log "$label: $RUNS runs"
    : >"$work/times.txt"
    for _ in $(seq "$RUNS"); do
        run_once "$dir" "$java" "$@" >>"$work/times.txt"
    done
    local ready started all
    ready=$(awk '{ print $1 }' "$work/times.txt" | median)
    started=$(awk '$2 != "?" { print $2 }' "$work/times.txt" | median)
    all=$(awk '{ printf "%s%s ms/%s s", (NR > 1 ? ", " : ""), $1, $2 }' "$work/times.txt")
    say "$(printf '  %-34s ready %6s ms   Spring "Started in" %6s s   (runs: %s)' "$label" "$ready" "$started" "$all")"
}

say ""
say "Java 17 (median of $RUNS; ready = launch to first 200 from readiness):"
measure "java -jar (fat jar)" "$(dirname "$jar")" "$(basename "$jar")" "$JAVA"
measure "extracted layers, java -jar" "$work/app" "$app_jar" "$JAVA"

log "training the CDS archive"
(cd "$work/app" && "$JAVA" -XX:ArchiveClassesAtExit=application.jsa \
    -Dspring.context.exit=onRefresh -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$app_jar" --server.port="$PORT") >"$work/cds-train.log" 2>&1 ||
    { tail -20 "$work/cds-train.log" >&2; exit 1; }
[[ -f "$work/app/application.jsa" ]] || { echo "no CDS archive was written" >&2; exit 1; }
# How many classes actually come from the archive (the JVM ignores an unusable one silently).
(cd "$work/app" && "$JAVA" -XX:SharedArchiveFile=application.jsa -Dspring.context.exit=onRefresh \
    -Xlog:class+load=info:file="$work/classload.txt" -jar "$app_jar" --server.port="$PORT") \
    >/dev/null 2>&1 || true
shared=$(grep -c 'source: shared objects file' "$work/classload.txt" || true)
loaded=$(grep -c 'source:' "$work/classload.txt" || true)
measure "extracted + CDS (application.jsa)" "$work/app" "$app_jar" "$JAVA" \
    -XX:SharedArchiveFile=application.jsa
say "  CDS archive $(du -h "$work/app/application.jsa" | cut -f1); $shared of $loaded classes loaded up to refresh came from the shared archives"

if [[ -x "$TEMURIN25" ]]; then
    say ""
    say "For information, $("$TEMURIN25" -version 2>&1 | sed -n 2p):"
    measure "extracted layers, java -jar" "$work/app" "$app_jar" "$TEMURIN25"
    log "training the AOT cache with Temurin 25"
    if (cd "$work/app" && "$TEMURIN25" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh \
        -jar "$app_jar" --server.port="$PORT") >"$work/aot-train.log" 2>&1 &&
        [[ -f "$work/app/app.aot" ]]; then
        measure "extracted + AOT cache (app.aot)" "$work/app" "$app_jar" "$TEMURIN25" \
            -XX:AOTCache=app.aot
        say "  AOT cache $(du -h "$work/app/app.aot" | cut -f1)"
    else
        say "  AOT cache training failed: $(tail -3 "$work/aot-train.log" | tr '\n' ' ')"
    fi
else
    say ""
    say "Temurin 25 not found at $TEMURIN25: AOT cache line skipped"
fi

say ""
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${summary[@]}"
