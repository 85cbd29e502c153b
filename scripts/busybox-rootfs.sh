#!/usr/bin/env bash
# Writes the test image's root filesystem as a tar file (busybox-static and its applet links, a
# passwd with root), for `docker import` (test-env.sh) and `podman import` (test-podman.sh).
#   scripts/busybox-rootfs.sh OUT.tar
set -euo pipefail
out=$1
bb=$(command -v busybox || echo /bin/busybox)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/usr/bin" "$tmp/tmp" "$tmp/etc"
cp "$bb" "$tmp/usr/bin/busybox"
for applet in $("$bb" --list); do
  [ "$applet" = busybox ] && continue
  ln -sf /usr/bin/busybox "$tmp/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$tmp/etc/passwd"
tar -C "$tmp" -cf "$out" .
