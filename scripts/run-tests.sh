#!/usr/bin/env bash
# Runs test files with node's test runner through tsx. Node 20 does not expand globs, so the list is
# explicit. Arguments: test files (default: every test/**/*.test.ts). Fails when zero tests ran.
set -uo pipefail
cd "$(dirname "$0")/.."
# node's runner sorts the files it is given: the tests that need the sluice image live in
# test/with-image/ so that they run last, while scripts/test.sh builds the image in the background
# (at the front they sat in both worker slots waiting for that build, ~2 minutes).
if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <(find test -name '*.test.ts' | sort); fi
if [ ${#files[@]} -eq 0 ]; then echo "run-tests: no test files" >&2; exit 1; fi
# The agent runs in child processes from the compiled output (the image runs the bundle of the same
# sources, scripts/bundle.mjs; test/footprint builds and measures that one): a start takes
# ~0.3 s instead of tsx compiling every file again (which, on a loaded 2-core machine, took over 15 s).
# Built fresh each run, so it is never stale; a source that does not compile fails the run here.
# (SLUICE_TEST_SKIP_BUILD=1: the caller built it already; test/runtime/run-tests.test.ts runs this script.)
if [ "${SLUICE_TEST_SKIP_BUILD:-}" != 1 ] && ! npx tsc -p tsconfig.build.json; then echo "run-tests: src does not compile" >&2; exit 1; fi
export SLUICE_USE_DIST=1
out=$(mktemp)
# --test-force-exit: a file whose tests are done exits, even when a failing test left a server or a
# socket open (seen: one failing assertion kept its capture server listening and the runner waited
# 15 minutes for that file; a CI run would wait out its whole time limit). Passing files are unchanged.
node --import tsx --test --test-force-exit --test-reporter=tap --test-concurrency="${SLUICE_TEST_CONCURRENCY:-2}" "${files[@]}" | tee "$out"
rc=${PIPESTATUS[0]}
count=$(grep -E '^# tests [0-9]+' "$out" | tail -n1 | awk '{print $3}')
pass=$(grep -E '^# pass [0-9]+' "$out" | tail -n1 | awk '{print $3}')
fail=$(grep -E '^# fail [0-9]+' "$out" | tail -n1 | awk '{print $3}')
rm -f "$out"
if [ -z "$count" ] || [ "$count" = 0 ]; then echo "run-tests: zero tests executed" >&2; exit 1; fi
echo "${pass:-0} passed, ${fail:-0} failed"
exit "$rc"
