#!/usr/bin/env bash
# The test environment: a private Docker engine (its own data-root, exec-root, pidfile and unix
# socket), a busybox image made with `docker import` (nothing can be pulled here), and rsyslog.
#
#   scripts/test-env.sh install   apt-get what is missing (docker.io, busybox-static, rsyslog, rsyslog-gnutls,
#                                 docker-compose, kubectl)
#   scripts/test-env.sh up        install, start dockerd unless it already runs, build the image; prints env
#   scripts/test-env.sh down      stop the dockerd that `up` started, remove its state
#   scripts/test-env.sh env       print the variables tests read (SLUICE_TEST_DOCKER_HOST, ...)
#   scripts/test-env.sh stop-daemon / start-daemon   stop / start only dockerd (live-restore keeps containers)
# SLUICE_TEST_ENV_DIR picks another root, so a test can own an engine of its own.
# The default root also brings up a private Podman API service (scripts/test-podman.sh) for the
# Podman tests: `install`, `up`, `down` and `env` act on it too.
#
# Idempotent: `up` twice starts one engine; `down` without `up` does nothing.
set -euo pipefail

ROOT=${SLUICE_TEST_ENV_DIR:-/tmp/sluice-test-env}
SOCK="$ROOT/docker.sock"
PIDFILE="$ROOT/docker.pid"
IMAGE=sluice-test-busybox:latest
# The default engine also listens on TCP with TLS (client certificates required), for the
# tcp:// + TLS tests; engines in other roots (e.g. the daemon-restart test's) do not.
if [ "$ROOT" = /tmp/sluice-test-env ]; then TLS_PORT=${SLUICE_TEST_TLS_PORT:-23761}; else TLS_PORT=""; fi

need_pkgs() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing+=(busybox-static)
  command -v rsyslogd >/dev/null 2>&1 || missing+=(rsyslog)
  [ -e /usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so ] || ls /usr/lib/*/rsyslog/lmnsd_gtls.so >/dev/null 2>&1 || missing+=(rsyslog-gnutls)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # The deployment tests: Compose files (docker-compose v1), the kustomize base (kubectl kustomize,
  # offline), the stand-in base image (flock serialises its build between test files).
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v kubectl >/dev/null 2>&1 || missing+=(kubectl)
  command -v flock >/dev/null 2>&1 || missing+=(util-linux)
  echo "${missing[@]:-}"
}

install() {
  local pkgs
  pkgs=$(need_pkgs)
  if [ -n "${pkgs// /}" ]; then
    echo "test-env: installing $pkgs" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # policy-rc.d keeps Debian from starting the system services these packages ship (a system
    # dockerd and rsyslogd); the tests start private ones.
    local made_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
    fi
    apt-get install -y -qq $pkgs >&2
    if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  fi
}

docker_cli() { docker -H "unix://$SOCK" "$@"; }

running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && docker_cli version >/dev/null 2>&1
}

make_tls() {
  local d="$ROOT/tls"
  [ -f "$d/key.pem" ] && return 0
  mkdir -p "$d"
  (
    cd "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=sluice-test-ca 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 2 -extfile server.ext 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj /CN=sluice-test-client 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' > client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2 -extfile client.ext 2>/dev/null
  )
}

start_dockerd() {
  mkdir -p "$ROOT/data" "$ROOT/exec"
  if running; then return 0; fi
  echo "test-env: starting private dockerd on $SOCK" >&2
  # An overlay network's vxlan interface lives in the network's own namespace; one left in the host's
  # (an engine stopped while the swarm test's network was up) makes the next swarm task fail with
  # "error creating vxlan interface: file exists". No engine is running here: remove leftovers.
  local vx
  for vx in $(ip -o link show 2>/dev/null | awk -F': ' '$2 ~ /^vx-[0-9]+-/ {sub(/@.*/, "", $2); print $2}'); do
    ip link delete "$vx" 2>/dev/null && echo "test-env: removed a leftover overlay interface $vx" >&2
  done
  local tcp=()
  if [ -n "$TLS_PORT" ]; then
    make_tls
    tcp=(-H "tcp://127.0.0.1:$TLS_PORT" --tlsverify --tlscacert "$ROOT/tls/ca.pem" --tlscert "$ROOT/tls/server-cert.pem" --tlskey "$ROOT/tls/server-key.pem")
  fi
  # Swarm mode refuses --live-restore: an engine for the swarm test sets SLUICE_TEST_LIVE_RESTORE=0.
  local live=(--live-restore)
  [ "${SLUICE_TEST_LIVE_RESTORE:-1}" = 0 ] && live=()
  nohup dockerd "${tcp[@]}" "${live[@]}" \
    --data-root "$ROOT/data" --exec-root "$ROOT/exec" --pidfile "$PIDFILE" \
    -H "unix://$SOCK" --bridge none --iptables=false --ip6tables=false --ip-masq=false \
    --log-level warn --storage-driver vfs \
    >"$ROOT/dockerd.log" 2>&1 &
  for _ in $(seq 1 150); do
    if docker_cli version >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "test-env: dockerd did not come up; its log:" >&2
  tail -n 40 "$ROOT/dockerd.log" >&2
  exit 1
}

build_image() {
  if docker_cli image inspect "$IMAGE" >/dev/null 2>&1; then return 0; fi
  local tar
  tar=$(mktemp --suffix=.tar)
  bash "$(dirname "$0")/busybox-rootfs.sh" "$tar"
  docker_cli import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin:/usr/bin' "$tar" "$IMAGE" >/dev/null
  rm -f "$tar"
}

print_env() {
  if [ -n "$TLS_PORT" ]; then
    echo "export SLUICE_TEST_DOCKER_TLS_HOST=tcp://127.0.0.1:$TLS_PORT"
    echo "export SLUICE_TEST_DOCKER_CERT_PATH=$ROOT/tls"
  fi
  echo "export SLUICE_TEST_DOCKER_HOST=unix://$SOCK"
  echo "export SLUICE_TEST_IMAGE=$IMAGE"
  echo "export SLUICE_TEST_ENV_DIR=$ROOT"
}

stop_dockerd() {
  if [ -f "$PIDFILE" ]; then
    # Containers first, so the engine has nothing to keep alive (live-restore). Bounded: a wedged
    # engine (once, after ~2000 bench containers: every remove hung) must not hold the run; it is
    # killed below either way.
    timeout 60 docker -H "unix://$SOCK" ps -aq 2>/dev/null | timeout 60 xargs -r docker -H "unix://$SOCK" rm -f >/dev/null 2>&1 || true
    local pid; pid=$(cat "$PIDFILE")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  # containerd-shims and the engine's containerd outlive dockerd with live-restore.
  pkill -f "containerd.*$ROOT" 2>/dev/null || true
  if mountpoint -q "$ROOT/data" 2>/dev/null; then umount -l "$ROOT/data" || true; fi
  grep " $ROOT/" /proc/mounts 2>/dev/null | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$ROOT"
}

# Stops only the engine (containers keep running: --live-restore), for the daemon-restart test.
stop_daemon_only() {
  [ -f "$PIDFILE" ] || return 0
  local pid; pid=$(cat "$PIDFILE")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}

# The Podman service goes with the default engine only: engines in other roots are for one test.
podman_too() { [ "$ROOT" = /tmp/sluice-test-env ] && [ "${SLUICE_TEST_NO_PODMAN:-}" != 1 ]; }
podman_env() { env -u SLUICE_TEST_PODMAN_DIR bash "$(dirname "$0")/test-podman.sh" "$@"; }

case "${1:-}" in
  install) install; if podman_too; then podman_env install; fi ;;
  up) install; start_dockerd; build_image; print_env; if podman_too; then podman_env up; fi ;;
  down) stop_dockerd; if podman_too; then podman_env down; fi ;;
  env) print_env; if podman_too; then podman_env env; fi ;;
  stop-daemon) stop_daemon_only ;;
  start-daemon) start_dockerd ;;
  *) echo "usage: $0 install|up|down|env" >&2; exit 2 ;;
esac
