#!/usr/bin/env bash
# The whole suite on a fresh machine: installs what the tests need (apt, only when missing), starts
# a private Docker engine unless one from scripts/test-env.sh already runs, runs every test, and
# stops what it started, also when tests fail.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
started=0
if ! bash scripts/test-env.sh env >/dev/null || ! [ -S "${SLUICE_TEST_ENV_DIR:-/tmp/sluice-test-env}/docker.sock" ]; then started=1; fi
cleanup() { if [ "$started" = 1 ]; then bash scripts/test-env.sh down || true; fi; }
trap cleanup EXIT
eval "$(bash scripts/test-env.sh up)"
bash scripts/run-tests.sh "$@"
