#!/usr/bin/env bash
# Checks that API clients generated from the service's own OpenAPI document work: generates the
# Java (library native) and TypeScript (typescript-fetch) clients from the running service's
# /v3/api-docs with openapi-generator-cli, builds them (javac; tsc --strict), and sends every
# example of every operation plus one invalid request through each client, comparing the answers
# with those to the same requests sent as raw JSON (scripts/sdk/java/SdkCheck.java,
# scripts/sdk/typescript/check.ts). It also reports defects of the document itself that show up in
# the generated code (scripts/sdk/cases.mjs).
#
# usage: scripts/sdk-check.sh                 starts target/loss-service-*.jar (./mvnw -B verify
#                                             builds it) on a free loopback port, stops it at the end
#        SDK_CHECK_URL=http://127.0.0.1:8080 scripts/sdk-check.sh   checks an already-running service
#        SDK_CHECK_DOC=file.json ...          generates from that document instead of the service's
#                                             (to try a fixed document before the service serves it)
#
# Needs java/javac 17+, node 20+ and npm; downloads only from Maven Central (the generator, the
# Java client's dependencies) and npm (typescript), cached in ~/.m2, ~/.npm and target/sdk.
# Exits non-zero on any failure, after running every stage that still can run, so that one run
# shows everything that is wrong.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/sdk
GENERATOR_VERSION=7.25.0
# Pinned so that the build does not depend on whatever the project's or the client's pom pins.
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
# The generated Java client's packages; SdkCheck finds the API classes under INVOKER_PACKAGE.api.
INVOKER_PACKAGE=dev.lossservice.sdk
START=$(date +%s)

log() { echo "sdk-check: $*"; }
mkdir -p "$OUT"

# Results of each stage, printed together at the end.
declare -a SUMMARY=()
FAILED=0
PASSED_COUNT=0
FAILED_COUNT=0
fail() { SUMMARY+=("$1"); FAILED=1; }

# --- the service -----------------------------------------------------------------------------
SERVICE_PID=""
stop_service() {
  # Our own background jobs first (a generator still running when a later stage gave up).
  for job in $(jobs -p); do
    if [ "$job" != "$SERVICE_PID" ]; then kill "$job" 2>/dev/null || true; fi
  done
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
}
trap stop_service EXIT

if [ -n "${SDK_CHECK_URL:-}" ]; then
  BASE_URL=${SDK_CHECK_URL%/}
else
  shopt -s nullglob
  jars=("$ROOT"/target/loss-service-*.jar)
  shopt -u nullglob
  if [ ${#jars[@]} -ne 1 ]; then
    log "FAILED: expected exactly one target/loss-service-*.jar (run ./mvnw -B verify first), found ${#jars[@]}" >&2
    exit 1
  fi
  # A free port: bind port 0, read what the kernel chose, release it (a race with another
  # process is possible but harmless here: the service then fails to start and we say so).
  PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  BASE_URL=http://127.0.0.1:$PORT
  log "starting ${jars[0]#"$ROOT"/} on $BASE_URL (log: target/sdk/service.log)"
  java -jar "${jars[0]}" --server.port="$PORT" --server.address=127.0.0.1 >"$OUT/service.log" 2>&1 &
  SERVICE_PID=$!
fi

# --- tools, fetched while the service starts --------------------------------------------------
GENERATOR_JAR=$OUT/tools/openapi-generator-cli-$GENERATOR_VERSION.jar
if [ ! -s "$GENERATOR_JAR" ]; then
  log "fetching openapi-generator-cli $GENERATOR_VERSION from Maven Central"
  ./mvnw -q -B "$DEPENDENCY_PLUGIN:copy" \
    -Dartifact="org.openapitools:openapi-generator-cli:$GENERATOR_VERSION" \
    -DoutputDirectory="$OUT/tools" >"$OUT/tools.log" 2>&1 \
    || { cat "$OUT/tools.log" >&2; log "FAILED: cannot fetch openapi-generator-cli" >&2; exit 1; }
fi

# TypeScript from the committed package-lock.json; reinstalled only when the lock file changes.
TS=$OUT/typescript
mkdir -p "$TS"
if ! cmp -s "$ROOT/scripts/sdk/typescript/package-lock.json" "$TS/package-lock.json" \
  || [ ! -x "$TS/node_modules/.bin/tsc" ]; then
  log "installing typescript with npm ci"
  cp "$ROOT/scripts/sdk/typescript/package.json" "$ROOT/scripts/sdk/typescript/package-lock.json" "$TS/"
  (cd "$TS" && npm ci --no-audit --no-fund --prefer-offline >"$OUT/npm.log" 2>&1) \
    || { cat "$OUT/npm.log" >&2; log "FAILED: npm ci of typescript" >&2; exit 1; }
fi

# --- the document -----------------------------------------------------------------------------
if [ -n "$SERVICE_PID" ]; then
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$BASE_URL/readyz" 2>/dev/null; then break; fi
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      tail -n 30 "$OUT/service.log" >&2
      log "FAILED: the service exited before it was ready (target/sdk/service.log)" >&2
      exit 1
    fi
    sleep 0.5
  done
fi
curl -fsS "$BASE_URL/readyz" >/dev/null || { log "FAILED: $BASE_URL/readyz is not ready after 120 s" >&2; exit 1; }

if [ -n "${SDK_CHECK_DOC:-}" ]; then
  cp "$SDK_CHECK_DOC" "$OUT/api-docs.json"
  cp "$SDK_CHECK_DOC" "$OUT/api-docs-other-host.json"
  log "using the document $SDK_CHECK_DOC against $BASE_URL"
else
  curl -fsS "$BASE_URL/v3/api-docs" -o "$OUT/api-docs.json"
  # Fetched again under another Host: a document whose servers follow the Host header differs.
  curl -fsS -H 'Host: sdk-check.invalid:1' "$BASE_URL/v3/api-docs" -o "$OUT/api-docs-other-host.json"
fi

node "$ROOT/scripts/sdk/cases.mjs" "$OUT/api-docs.json" "$OUT/api-docs-other-host.json" "$OUT/cases.json" \
  | tee "$OUT/document.log"
DOC_PROBLEMS=$(grep -c 'PROBLEM:' "$OUT/document.log" || true)
if [ "$DOC_PROBLEMS" -gt 0 ]; then
  fail "document: FAILED: $DOC_PROBLEMS problem(s), each printed above as 'document: PROBLEM:'"
  FAILED_COUNT=$((FAILED_COUNT + 1))
else
  SUMMARY+=("document: OK")
  PASSED_COUNT=$((PASSED_COUNT + 1))
fi
EXAMPLES=$(node -e "const c=require('$OUT/cases.json');console.log(c.cases.length+(c.invalid?1:0))")

# Adds a client's per-case results (its driver's OK/FAIL lines) to the closing counts.
count_cases() {
  PASSED_COUNT=$((PASSED_COUNT + $(grep -cE "^$1: OK " "$2" || true)))
  FAILED_COUNT=$((FAILED_COUNT + $(grep -cE "^$1: FAIL " "$2" || true)))
}

# --- generating both clients, in parallel ----------------------------------------------------
# Short-lived JVMs (generator, javac, driver) start faster with the C1 compiler only.
QUICK_JVM=-XX:TieredStopAtLevel=1
JAVA=$OUT/java
rm -rf "$JAVA/client" "$JAVA/classes" "$JAVA/driver" "$TS/client" "$TS/out"
mkdir -p "$JAVA/classes" "$JAVA/driver"
log "generating the java (native) and typescript-fetch clients with openapi-generator-cli $GENERATOR_VERSION"
java $QUICK_JVM -jar "$GENERATOR_JAR" generate -i "$OUT/api-docs.json" -g java --library native -o "$JAVA/client" \
  --additional-properties="invokerPackage=$INVOKER_PACKAGE,apiPackage=$INVOKER_PACKAGE.api,modelPackage=$INVOKER_PACKAGE.model,hideGenerationTimestamp=true" \
  >"$JAVA/generate.log" 2>&1 &
JAVA_GENERATE=$!
java $QUICK_JVM -jar "$GENERATOR_JAR" generate -i "$OUT/api-docs.json" -g typescript-fetch -o "$TS/client" \
  >"$TS/generate.log" 2>&1 &
TS_GENERATE=$!

# --- Java client (library native) -------------------------------------------------------------
if ! wait "$JAVA_GENERATE"; then
  tail -n 20 "$JAVA/generate.log"
  fail "java: FAILED: openapi-generator cannot generate the client (target/sdk/java/generate.log)"
  FAILED_COUNT=$((FAILED_COUNT + EXAMPLES))
else
  # The client's dependencies, from its generated pom: resolved by Maven once per pom.
  if ! cmp -s "$JAVA/client/pom.xml" "$JAVA/classpath.pom" || [ ! -s "$JAVA/classpath.txt" ]; then
    log "java: resolving the client's dependencies"
    ./mvnw -q -B -f "$JAVA/client/pom.xml" "$DEPENDENCY_PLUGIN:build-classpath" \
      -Dmdep.outputFile="$JAVA/classpath.txt" -Dmdep.includeScope=compile >"$JAVA/classpath.log" 2>&1 \
      || { cat "$JAVA/classpath.log" >&2; log "FAILED: cannot resolve the Java client's dependencies" >&2; exit 1; }
    cp "$JAVA/client/pom.xml" "$JAVA/classpath.pom"
  fi
  CP=$(cat "$JAVA/classpath.txt")
  log "java: compiling the client"
  # javac straight away: Maven's full build of the generated project (enforcer, javadoc, sources,
  # tests) would only add time; the sources and dependencies are the same.
  if ! javac -J$QUICK_JVM -nowarn -Xmaxerrs 10000 -encoding UTF-8 -d "$JAVA/classes" -cp "$CP" \
    $(find "$JAVA/client/src/main/java" -name '*.java') >"$JAVA/javac.log" 2>&1; then
    errors=$(grep -c ': error:' "$JAVA/javac.log" || true)
    files=$(grep -oE '[A-Za-z0-9_]+\.java:[0-9]+: error:' "$JAVA/javac.log" | cut -d: -f1 | sort -u | tr '\n' ' ')
    # The first error and its source line, shortened: enough to see which construct is wrong.
    grep -m 1 -A 1 ': error:' "$JAVA/javac.log" | sed -e "s|$JAVA/client/||" -e 's/^ *//' | cut -c1-200 \
      | sed 's/^/        /'
    fail "java: FAILED: the generated client does not compile: $errors javac errors in ${files% } (target/sdk/java/javac.log)"
    FAILED_COUNT=$((FAILED_COUNT + EXAMPLES))
  elif ! javac -J$QUICK_JVM -nowarn -encoding UTF-8 -d "$JAVA/driver" -cp "$JAVA/classes:$CP" \
    "$ROOT/scripts/sdk/java/SdkCheck.java" >"$JAVA/driver-javac.log" 2>&1; then
    cat "$JAVA/driver-javac.log"
    fail "java: FAILED: scripts/sdk/java/SdkCheck.java does not compile against the client"
    FAILED_COUNT=$((FAILED_COUNT + EXAMPLES))
  else
    log "java: sending the examples"
    if java $QUICK_JVM -cp "$JAVA/driver:$JAVA/classes:$CP" SdkCheck "$OUT/cases.json" "$BASE_URL" "$INVOKER_PACKAGE" \
      | tee "$JAVA/check.log"; then
      SUMMARY+=("$(tail -n 1 "$JAVA/check.log")")
    else
      fail "$(tail -n 1 "$JAVA/check.log") (details above and in target/sdk/java/check.log)"
    fi
    count_cases java "$JAVA/check.log"
  fi
fi

# --- TypeScript client (typescript-fetch) -----------------------------------------------------
if ! wait "$TS_GENERATE"; then
  tail -n 20 "$TS/generate.log"
  fail "typescript: FAILED: openapi-generator cannot generate the client (target/sdk/typescript/generate.log)"
  FAILED_COUNT=$((FAILED_COUNT + EXAMPLES))
else
  cp "$ROOT/scripts/sdk/typescript/check.ts" "$ROOT/scripts/sdk/typescript/tsconfig.json" "$TS/"
  log "typescript: compiling the client with tsc --strict"
  if ! (cd "$TS" && node_modules/.bin/tsc -p . --strict) >"$TS/tsc.log" 2>&1; then
    errors=$(grep -c 'error TS' "$TS/tsc.log" || true)
    files=$(grep -oE '^[^(]+\([0-9]+,[0-9]+\): error' "$TS/tsc.log" | cut -d'(' -f1 | sort -u | tr '\n' ' ')
    grep -m 5 'error TS' "$TS/tsc.log" | cut -c1-240 | sed 's/^/        /'
    fail "typescript: FAILED: the client (with check.ts) does not compile with tsc --strict: $errors errors in ${files% } (target/sdk/typescript/tsc.log)"
    FAILED_COUNT=$((FAILED_COUNT + EXAMPLES))
  else
    log "typescript: sending the examples"
    if node "$TS/out/check.js" "$OUT/cases.json" "$BASE_URL" | tee "$TS/check.log"; then
      SUMMARY+=("$(tail -n 1 "$TS/check.log")")
    else
      fail "$(tail -n 1 "$TS/check.log") (details above and in target/sdk/typescript/check.log)"
    fi
    count_cases typescript "$TS/check.log"
  fi
fi

# --- summary ----------------------------------------------------------------------------------
stop_service
echo
for line in "${SUMMARY[@]}"; do log "$line"; done
log "$PASSED_COUNT passed, $FAILED_COUNT failed"
if [ "$FAILED" -ne 0 ]; then
  log "FAILED after $(($(date +%s) - START)) s: the generated clients do not give the raw JSON answers (see above)"
  exit 1
fi
log "OK in $(($(date +%s) - START)) s: both generated clients compile and give the raw JSON answers for every example"
