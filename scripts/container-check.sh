#!/usr/bin/env bash
# Checks the Dockerfile's contract and replays its runtime stages on the jar that
# `./mvnw -B verify` (or `package`) built, without a Docker engine. See scripts/ContainerCheck.java.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls target/loss-service-*.jar >/dev/null 2>&1; then
  echo "container-check: no target/loss-service-*.jar; run ./mvnw -B package first" >&2
  exit 1
fi
exec java scripts/ContainerCheck.java "$PWD"
