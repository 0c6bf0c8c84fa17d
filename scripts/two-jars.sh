# Sourced by the scripts that compare this checkout's service with another commit's, side by side
# in one run (compare-responses.sh, bench-http-compare.sh): builds both jars and starts them on free
# loopback ports; everything started is stopped on exit.
#
#   source scripts/two-jars.sh; two_jars BASE_REF   # sets BASE_URL, NEW_URL, BASE_JAR, NEW_JAR

two_jars_work=$(mktemp -d)
two_jars_pids=()
two_jars_cleanup() {
  # two_jars_start runs in a command substitution, a subshell: its pids come back through files.
  for file in "$two_jars_work"/*.pid; do
    [[ -e $file ]] && two_jars_pids+=("$(cat "$file")")
  done
  for pid in "${two_jars_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  git worktree remove --force "$two_jars_work/base" 2>/dev/null || true
  rm -rf "$two_jars_work"
}
trap two_jars_cleanup EXIT

two_jars_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start JAR NAME: starts the jar on a free port with the given extra JVM options ($JVM_OPTS) and
# prints its URL once /readyz answers.
two_jars_start() {
  local jar=$1 name=$2 port
  port=$(two_jars_free_port)
  # shellcheck disable=SC2086
  java ${JVM_OPTS:--Xmx1g} -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
    >"$two_jars_work/$name.log" 2>&1 &
  two_jars_pids+=($!)
  echo $! >"$two_jars_work/$name.pid"
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; then
      echo "http://127.0.0.1:$port"
      return 0
    fi
    sleep 0.5
  done
  echo "two-jars: $name did not become ready; its log:" >&2
  tail -20 "$two_jars_work/$name.log" >&2
  return 1
}

two_jars() {
  local base_ref=$1
  git worktree add --detach "$two_jars_work/base" "$base_ref" >/dev/null
  (cd "$two_jars_work/base" && ./mvnw -q -B -DskipTests package) >/dev/null
  ./mvnw -q -B -DskipTests package >/dev/null
  BASE_JAR=$(ls "$two_jars_work"/base/target/loss-service-*.jar)
  NEW_JAR=$(ls target/loss-service-*.jar)
  BASE_URL=$(two_jars_start "$BASE_JAR" base)
  NEW_URL=$(two_jars_start "$NEW_JAR" new)
  echo "base: $base_ref ($(git rev-parse --short "$base_ref")) at $BASE_URL;" \
    "new: $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' + working tree') at $NEW_URL"
}
