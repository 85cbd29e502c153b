#!/usr/bin/env bash
# The whole suite on a fresh machine: installs what the tests need (apt, only when missing), starts
# a private Docker engine unless one from scripts/test-env.sh already runs, runs every test, and
# stops what it started, also when tests fail.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
started=0
if ! bash scripts/test-env.sh env >/dev/null || ! [ -S "${SLUICE_TEST_ENV_DIR:-/tmp/sluice-test-env}/docker.sock" ]; then started=1; fi
image_build=
cleanup() {
  if [ -n "$image_build" ]; then kill -- -"$image_build" 2>/dev/null || true; wait "$image_build" 2>/dev/null || true; fi
  if [ "$started" = 1 ]; then bash scripts/test-env.sh down || true; fi
}
trap cleanup EXIT
eval "$(bash scripts/test-env.sh up)"
# The whole suite: build the image (minutes on a fresh machine) beside the tests that do not need
# it; those that do (test/with-image/) run last and wait for this build through its lock.
if [ $# -eq 0 ]; then
  set -m
  DOCKER_HOST=$SLUICE_TEST_DOCKER_HOST bash scripts/test-image.sh > /tmp/sluice-image-build.log 2>&1 &
  image_build=$!
  set +m
fi
bash scripts/run-tests.sh "$@"
