#!/usr/bin/env bash
# Compares the answers of this checkout's service with those of another commit (default: the
# first parent of HEAD), on every fixture case, OpenAPI example and fuzz-corpus input
# (scripts/compare_responses.py says what "the same" means).
#
#   scripts/compare-responses.sh [BASE_REF]
#
# Builds BASE_REF's jar in a temporary git worktree, packages this checkout, starts both on free
# loopback ports, and stops them at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
base_ref=${1:-HEAD^}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  git worktree remove --force "$work/base" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git worktree add --detach "$work/base" "$base_ref" >/dev/null
(cd "$work/base" && ./mvnw -q -B -DskipTests package) >/dev/null
./mvnw -q -B -DskipTests package >/dev/null
base_jar=$(ls "$work"/base/target/loss-service-*.jar)
new_jar=$(ls target/loss-service-*.jar)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { # jar port log
  java -Xmx1g -jar "$1" --server.port="$2" --server.address=127.0.0.1 >"$3" 2>&1 &
  pids+=($!)
}
base_port=$(free_port); start "$base_jar" "$base_port" "$work/base.log"
new_port=$(free_port); start "$new_jar" "$new_port" "$work/new.log"
for port in "$base_port" "$new_port"; do
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
    sleep 0.5
  done
done
echo "base: $base_ref ($(git rev-parse --short "$base_ref")), new: $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' + working tree')"
python3 scripts/compare_responses.py "http://127.0.0.1:$base_port" "http://127.0.0.1:$new_port"
