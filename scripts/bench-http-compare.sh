#!/usr/bin/env bash
# The request path before and after a change, side by side in one run: this checkout's jar and
# BASE_REF's (default HEAD^) run at once, and each measurement alternates between them, round by
# round, so that both see the same machine:
#  - a 1024 x 1000 cross-entropy (random full-precision logits, class targets), loss only
#    (?samples=false&gradient=false) and with the full response: median seconds per request;
#  - the seed request with wrk (16 connections), requests per second.
#
#   scripts/bench-http-compare.sh [BASE_REF]
# Environment: ROUNDS (5), REPS (5 requests of each kind per round), DURATION (wrk, 10s),
# WARMUP (wrk, 5s), CONNECTIONS (16).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
REPS=${REPS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-16}
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool on PATH" >&2; exit 1; }
done
JVM_OPTS=${JVM_OPTS:--Xmx2g}
source scripts/two-jars.sh
two_jars "${1:-HEAD^}"
body=$two_jars_work/big.json
python3 - "$body" <<'PY'
import json, random, sys
random.seed(20261129)
n, c = 1024, 1000
logits = [[random.gauss(0, 3) for _ in range(c)] for _ in range(n)]
target = [random.randrange(c) for _ in range(n)]
with open(sys.argv[1], "w") as f:
    json.dump({"logits": logits, "target": target}, f)
PY
seed=src/main/resources/openapi/examples/cross-entropy-seed.json
echo "machine: nproc=$(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg); body $(stat -c %s "$body") bytes"

time_request() { # url query -> seconds of one request
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
    --data-binary @"$body" "$1/loss/cross-entropy$2"
}
declare -A times
for url in "$BASE_URL" "$NEW_URL"; do # warm-up
  for _ in 1 2 3 4 5; do time_request "$url" "" >/dev/null; done
done
for round in $(seq 1 "$ROUNDS"); do
  for side in base new; do
    url=$BASE_URL; [[ $side == new ]] && url=$NEW_URL
    for _ in $(seq 1 "$REPS"); do
      times[$side-lossonly]+="$(time_request "$url" '?samples=false&gradient=false') "
      times[$side-full]+="$(time_request "$url" '') "
    done
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for kind in lossonly full; do
  b=$(echo "${times[base-$kind]}" | median); n=$(echo "${times[new-$kind]}" | median)
  echo "1024x1000 $kind: base $b s, new $n s (median of $((ROUNDS * REPS)) each), new/base $(python3 -c "print(round($n/$b, 3))")"
done

lua=$two_jars_work/seed.lua
python3 - "$seed" "$lua" <<'PY'
import json, sys
body = json.dumps(json.load(open(sys.argv[1])), separators=(",", ":"))
open(sys.argv[2], "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                             'wrk.body = %s\n' % json.dumps(body))
PY
rps() { wrk -t2 -c"$CONNECTIONS" -d"$1" -s "$lua" "$2/loss/cross-entropy" | awk '/Requests\/sec/ {print $2}'; }
for url in "$BASE_URL" "$NEW_URL"; do rps "$WARMUP" "$url" >/dev/null; done
declare -A rates
for round in $(seq 1 "$ROUNDS"); do
  rates[base]+="$(rps "$DURATION" "$BASE_URL") "
  rates[new]+="$(rps "$DURATION" "$NEW_URL") "
done
b=$(echo "${rates[base]}" | median); n=$(echo "${rates[new]}" | median)
echo "seed request, wrk -c$CONNECTIONS: base ${rates[base]}req/s, new ${rates[new]}req/s; medians base $b, new $n, new/base $(python3 -c "print(round($n/$b, 3))")"
