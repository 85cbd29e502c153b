#!/usr/bin/env bash
# A private Podman for tests: `podman system service` serving the Docker-compatible API on its own
# unix socket, with every path of its own under one root (storage, run state, temp files, network
# config, volumes, events), so it leaves nothing on the host and cannot meet a system Podman.
# The busybox test image is made with `podman import` (nothing can be pulled here).
#
#   scripts/test-podman.sh install        apt-get podman when missing (no recommends)
#   scripts/test-podman.sh up             install, start the service unless it runs, import the image; prints env
#   scripts/test-podman.sh down           remove its containers, stop the service, remove its state
#   scripts/test-podman.sh env            print the variables tests read (SLUICE_TEST_PODMAN_HOST, ...)
#   scripts/test-podman.sh stop-service / start-service   stop / start only the API service
#                                         (containers keep running: conmon owns them)
#   scripts/test-podman.sh podman ARGS... run the podman CLI against this root
# SLUICE_TEST_PODMAN_DIR picks another root (a test that restarts the service owns one). Podman
# refuses a run root longer than 50 characters, so keep roots short.
#
# Idempotent: `up` twice starts one service; `down` without `up` does nothing.
set -euo pipefail

ROOT=${SLUICE_TEST_PODMAN_DIR:-/tmp/sluice-podman}
SOCK="$ROOT/podman.sock"
PIDFILE="$ROOT/service.pid"
IMAGE=sluice-test-busybox:latest

# Global flags that keep everything under ROOT. Without --tmpdir even `podman info` writes
# /run/libpod; vfs and cgroupfs need no kernel features beyond what containers need anyway.
FLAGS=(--root "$ROOT/root" --runroot "$ROOT/run" --tmpdir "$ROOT/tmp"
  --network-config-dir "$ROOT/net" --volumepath "$ROOT/vol"
  --storage-driver vfs --cgroup-manager cgroupfs --events-backend file)
pm() { podman "${FLAGS[@]}" "$@"; }

install() {
  command -v podman >/dev/null 2>&1 && return 0
  echo "test-podman: installing podman" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends podman >&2
}

# GET /_ping through node (always here: the tests run on it), so no curl is needed.
answering() {
  [ -S "$SOCK" ] && node -e '
    const r = require("http").get({ socketPath: process.argv[1], path: "/_ping", timeout: 2000 }, (res) => process.exit(res.statusCode === 200 ? 0 : 1));
    r.on("error", () => process.exit(1)); r.on("timeout", () => process.exit(1));' "$SOCK" 2>/dev/null
}

running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && answering
}

start_service() {
  mkdir -p "$ROOT/root" "$ROOT/run" "$ROOT/tmp" "$ROOT/net" "$ROOT/vol"
  if running; then return 0; fi
  echo "test-podman: starting private podman system service on $SOCK" >&2
  rm -f "$SOCK"
  # --time=0: never exit for idleness. setsid: the service outlives the shell that started it.
  setsid nohup podman "${FLAGS[@]}" system service --time=0 "unix://$SOCK" >>"$ROOT/service.log" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  for _ in $(seq 1 150); do
    if answering; then return 0; fi
    sleep 0.2
  done
  echo "test-podman: the podman service did not come up; its log:" >&2
  tail -n 40 "$ROOT/service.log" >&2
  exit 1
}

import_image() {
  if pm image exists "$IMAGE" 2>/dev/null; then return 0; fi
  local tar
  tar=$(mktemp --suffix=.tar)
  bash "$(dirname "$0")/busybox-rootfs.sh" "$tar"
  pm import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin:/usr/bin' "$tar" "$IMAGE" >/dev/null 2>&1
  rm -f "$tar"
}

stop_service() {
  [ -f "$PIDFILE" ] || return 0
  local pid; pid=$(cat "$PIDFILE")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}

down() {
  [ -d "$ROOT" ] || return 0
  # Containers first (their conmon processes outlive the service), then the service.
  pm rm -af -t 0 >/dev/null 2>&1 || true
  stop_service
  grep " $ROOT/" /proc/mounts 2>/dev/null | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$ROOT"
}

print_env() {
  echo "export SLUICE_TEST_PODMAN_HOST=unix://$SOCK"
  echo "export SLUICE_TEST_PODMAN_DIR=$ROOT"
}

case "${1:-}" in
  install) install ;;
  up) install; start_service; import_image; print_env ;;
  down) down ;;
  env) print_env ;;
  stop-service) stop_service ;;
  start-service) start_service ;;
  podman) shift; pm "$@" ;;
  *) echo "usage: $0 install|up|down|env|stop-service|start-service|podman ARGS..." >&2; exit 2 ;;
esac
