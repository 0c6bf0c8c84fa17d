#!/usr/bin/env bash
# Measures startup of the container's launch command with and without the CDS archive, on this
# machine's JVM, from the jar `./mvnw package` built. Figures recorded in docs/deployment.md.
#   scripts/startup-benchmark.sh [runs] [port]
# For each layout, interleaved, `runs` times: wall time from exec to /actuator/health/readiness
# = 200, and the JVM's CPU time (user+sys) at that moment, which depends less on other load.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${2:-18083}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Named app.jar as in the Dockerfile: extraction names the application jar after the uber jar.
cp "$(ls target/loss-service-*.jar | head -1)" "$work/app.jar"
jar=$work/app.jar
flags=(-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError)
ticks=$(getconf CLK_TCK)

for layout in launcher jar; do
  opt=(); [ "$layout" = launcher ] && opt=(--launcher)
  java -Djarmode=tools -jar "$jar" extract --layers "${opt[@]}" --destination "$work/x-$layout" >/dev/null
  mkdir "$work/$layout"
  for l in dependencies spring-boot-loader snapshot-dependencies application; do
    cp -r "$work/x-$layout/$l/." "$work/$layout/"
  done
done
main_launcher=(org.springframework.boot.loader.launch.JarLauncher)
main_jar=(-jar app.jar)
(cd "$work/launcher" && java -Xmx512m -XX:ArchiveClassesAtExit=application.jsa \
  -Dspring.context.exit=onRefresh -Xlog:cds=off -Xlog:cds+dynamic=off "${main_launcher[@]}" >/dev/null)
(cd "$work/jar" && java -Xmx512m -XX:ArchiveClassesAtExit=application.jsa \
  -Dspring.context.exit=onRefresh -Xlog:cds=off -Xlog:cds+dynamic=off "${main_jar[@]}" >/dev/null)

measure() { # name dir cds main...
  local name=$1 dir=$2 cds=$3; shift 3
  local extra=(); [ "$cds" = cds ] && extra=(-XX:SharedArchiveFile=application.jsa -Xshare:on)
  cd "$dir"
  local start; start=$(date +%s%N)
  SERVER_PORT=$port java "${flags[@]}" "${extra[@]}" "$@" >"$work/$name.log" 2>&1 &
  local pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/actuator/health/readiness")" = 200 ]; do
    kill -0 $pid 2>/dev/null || { echo "$name: exited early"; tail "$work/$name.log"; exit 1; }
    sleep 0.05
  done
  local end; end=$(date +%s%N)
  local cpu; cpu=$(awk -v t="$ticks" '{printf "%.2f", ($14+$15)/t}' /proc/$pid/stat)
  kill $pid; wait $pid 2>/dev/null || true
  printf '%-16s ready_ms=%-6d cpu_s=%s\n' "$name" $(( (end-start)/1000000 )) "$cpu"
  cd - >/dev/null
}

for i in $(seq "$runs"); do
  measure launcher "$work/launcher" no "${main_launcher[@]}"
  measure launcher+cds "$work/launcher" cds "${main_launcher[@]}"
  measure jar "$work/jar" no "${main_jar[@]}"
  measure jar+cds "$work/jar" cds "${main_jar[@]}"
done
