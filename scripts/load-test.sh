#!/usr/bin/env bash
# Load and soak test of the packaged service: a mix of valid and invalid requests over every
# endpoint (scripts/load-test.lua), by wrk, against the jar in target/.
#
# Reports 5xx count, socket errors, p99 latency and the process's resident memory (VmRSS) before,
# during (every 10 s) and after the run. Exits non-zero if there was any 5xx or socket error.
#
#   ./mvnw -B package -DskipTests && scripts/load-test.sh
#
# Environment: PORT (18087), DURATION (60s), CONNECTIONS (64), THREADS (2), RUNS (1: how many
# wrk runs back to back against the same process, to see whether memory keeps growing),
# JAVA_OPTS (-Xmx512m: the heap a small container would give it), JAR (target/loss-service-*.jar).
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${PORT:-18087}"
DURATION="${DURATION:-60s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
RUNS="${RUNS:-1}"
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
JAR="${JAR:-$(ls target/loss-service-*.jar 2>/dev/null | grep -v -- '-plain' | head -n 1)}"

if [[ -z "${JAR}" || ! -f "${JAR}" ]]; then
  echo "no jar in target/; run ./mvnw -B package -DskipTests first" >&2
  exit 2
fi
command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 2; }

LOG="$(mktemp -t loss-service-load.XXXXXX.log)"
# shellcheck disable=SC2086
java ${JAVA_OPTS} -jar "${JAR}" --server.port="${PORT}" >"${LOG}" 2>&1 &
PID=$!
SAMPLER=""
cleanup() {
  [[ -n "${SAMPLER}" ]] && kill "${SAMPLER}" 2>/dev/null || true
  kill "${PID}" 2>/dev/null || true
  wait "${PID}" 2>/dev/null || true
}
trap cleanup EXIT

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/${PID}/status"; }

for _ in $(seq 1 240); do
  if curl -fs -o /dev/null "http://localhost:${PORT}/readyz"; then break; fi
  if ! kill -0 "${PID}" 2>/dev/null; then echo "service died; log: ${LOG}" >&2; exit 2; fi
  sleep 0.5
done
curl -fs -o /dev/null "http://localhost:${PORT}/readyz" || { echo "not ready; log: ${LOG}" >&2; exit 2; }

echo "jar=${JAR} pid=${PID} java_opts=${JAVA_OPTS} cores=$(nproc) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} --latency -s scripts/load-test.lua http://localhost:${PORT}"
RSS_BEFORE=$(rss_kb)
echo "VmRSS before: ${RSS_BEFORE} kB"

FIVE_XX_TOTAL=0
SOCKET_TOTAL=0
for run in $(seq 1 "${RUNS}"); do
  ( while sleep 10; do echo "VmRSS during: $(rss_kb) kB"; done ) &
  SAMPLER=$!
  OUT="$(wrk -t"${THREADS}" -c"${CONNECTIONS}" -d"${DURATION}" --timeout 10s --latency \
    -s scripts/load-test.lua "http://localhost:${PORT}")"
  kill "${SAMPLER}" 2>/dev/null || true
  SAMPLER=""
  echo "--- run ${run} of ${RUNS}"
  echo "${OUT}"
  RSS_AFTER=$(rss_kb)
  echo "VmRSS after run ${run}: ${RSS_AFTER} kB"
  FIVE_XX=$(sed -n 's/.*status_5xx=\([0-9]*\).*/\1/p' <<<"${OUT}")
  FIVE_XX_TOTAL=$((FIVE_XX_TOTAL + FIVE_XX))
  for n in $(sed -n 's/.*connect=\([0-9]*\) read=\([0-9]*\) write=\([0-9]*\) timeout=\([0-9]*\).*/\1 \2 \3 \4/p' <<<"${OUT}"); do
    SOCKET_TOTAL=$((SOCKET_TOTAL + n))
  done
done
sleep 5
echo "VmRSS 5 s after the last run: $(rss_kb) kB"
echo "loadavg after: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -qiE "OutOfMemoryError|Exception" "${LOG}"; then
  echo "service log mentions exceptions (${LOG}):"
  grep -iE "OutOfMemoryError|Exception" "${LOG}" | sort | uniq -c | sort -rn | head -n 10
fi

echo "SUMMARY runs=${RUNS} 5xx=${FIVE_XX_TOTAL} socket_errors=${SOCKET_TOTAL} rss_before_kb=${RSS_BEFORE} rss_after_kb=${RSS_AFTER}"
if [[ "${FIVE_XX_TOTAL}" != "0" || "${SOCKET_TOTAL}" != "0" ]]; then
  echo "FAIL: 5xx or socket errors (service log: ${LOG})" >&2
  exit 1
fi
rm -f "${LOG}"
