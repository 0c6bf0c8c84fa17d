#!/usr/bin/env bash
# Compares the answers of this checkout's service with those of another commit (default: the
# first parent of HEAD), on every fixture case, OpenAPI example and fuzz-corpus input
# (scripts/compare_responses.py says what "the same" means).
#
#   scripts/compare-responses.sh [BASE_REF]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/two-jars.sh
two_jars "${1:-HEAD^}"
python3 scripts/compare_responses.py "$BASE_URL" "$NEW_URL"
