#!/usr/bin/env bash
# Builds the sluice image (sluice:<package version>) from this repository with the unchanged
# Dockerfile on the engine DOCKER_HOST names, through the stand-in base image
# (scripts/node-base-image.sh: no registry is reachable on the test machines). One build at a time:
# a file lock makes a second caller wait for the first and then find every layer cached.
# scripts/test.sh starts it in the background before the tests (the build takes minutes on a fresh
# machine, and the tests that need the image, in test/with-image/, run last); test/helpers/image.ts
# runs it too, so a
# test run alone builds what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=$(node -p 'require("./package.json").version')
exec flock /tmp/sluice-image-build.lock bash -c "set -e; bash scripts/node-base-image.sh; docker build --network host -t sluice:$VERSION ."
