# Build: type-check, bundle (scripts/bundle.mjs: esbuild, one minified ESM file per command, 6-7 MB less
# idle RSS than tsc's one file per module), keep production dependencies only (dockerode, prom-client,
# undici and ajv's compiler are loaded from node_modules, see the script).
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY schema schema
COPY scripts/bundle.mjs scripts/bundle.mjs
COPY src src
RUN npx tsc --noEmit -p tsconfig.build.json && node scripts/bundle.mjs && npm prune --omit=dev --no-audit --no-fund

# The runtime's root filesystem: the node binary and the C libraries it loads (found with ldd, so
# any architecture of the base works), an /etc/passwd naming the sluice user, and nothing else:
# no shell, no npm, yarn or corepack, no dev dependencies, no TypeScript sources.
FROM node:24-bookworm-slim AS rootfs
RUN set -eu; r=/rootfs; \
    mkdir -p $r/usr/local/bin $r/etc $r/tmp $r/var/lib/sluice $r/etc/sluice; \
    for d in lib lib32 lib64 libx32; do if [ -L /$d ]; then ln -s "$(readlink /$d)" $r/$d; fi; done; \
    cp /usr/local/bin/node $r/usr/local/bin/node; \
    libs=$(ldd /usr/local/bin/node | awk '/=> \//{print $3} /^[ \t]*\//{print $1}'); \
    for lib in $libs; do \
      for f in "$lib" "$(readlink -f "$lib")"; do \
        d=$(readlink -f "$(dirname "$f")"); mkdir -p "$r$d"; cp -a "$f" "$r$d/"; \
      done; \
    done; \
    printf 'root:x:0:0:root:/root:/nonexistent\nsluice:x:10001:10001:sluice:/nonexistent:/nonexistent\n' > $r/etc/passwd; \
    printf 'root:x:0:\nsluice:x:10001:\n' > $r/etc/group; \
    chmod 1777 $r/tmp; chown 10001:10001 $r/var/lib/sluice; \
    chroot $r /usr/local/bin/node -e 0

FROM scratch
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="sluice" \
      org.opencontainers.image.description="A log router for container hosts: Docker container logs to HTTP, syslog, Mezmo, raw TCP/UDP and the console, without loss." \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.base.name="docker.io/library/node:24-bookworm-slim"
COPY --from=rootfs /rootfs /
# DOCKER_HOST: mount the socket's directory here (-v /var/run:/host/run:ro), never the socket file
# alone: a file bind mount keeps pointing at the old socket after the engine restarts. A config's
# docker.host overrides it. LOGSPOUT=ignore: no sluice container (this one, an old or a new one, a
# Kubernetes pod whose hostname file belongs to the sandbox) is ever collected.
# MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (V8's compiler and GC workers, libuv's
# pool) an arena of its own, up to 8 per core, and keeps what they freed. Two arenas: a 500k-line
# burst's peak 94.8 -> 91.6 MB (1 container), 104.5 -> 101.6 (20); 200 containers at 10 lines/s
# 95.4 -> 91.5 MB, at the same CPU (bench, Node 24, side by side). The bench runs with it too.
ENV NODE_ENV=production PATH=/usr/local/bin DOCKER_HOST=unix:///host/run/docker.sock LOGSPOUT=ignore MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/dist/bundle dist/bundle
COPY package.json ./
COPY bin bin
COPY schema schema
COPY config/sluice.yaml config/sluice.yaml
COPY config/sluice.yaml /etc/sluice/sluice.yaml
# Non-root. Grant the Docker socket with --group-add "$(stat -c %g /var/run/docker.sock)" (or run
# behind a read-only socket proxy: deploy/socket-proxy). The README shows the whole `docker run` line.
USER 10001:10001
VOLUME ["/var/lib/sluice"]
EXPOSE 8080
# `sluice health` reads the same config as `run` (api.listen, api: null, token) and asks /readyz,
# so the check follows the config; with `api: null` it reports healthy without asking.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "/app/bin/sluice.js", "health", "--config", "/etc/sluice/sluice.yaml"]
# SIGTERM starts a drain bounded by `shutdown_timeout` (default 10s); give the container more than
# that to stop: `docker stop -t 30`, `stop_grace_period: 30s`, `terminationGracePeriodSeconds: 30`.
STOPSIGNAL SIGTERM
# Node flags, each measured with `npm run bench` and bench/flag-matrix.ts (the bench runs these):
# --liftoff-only: WebAssembly runs on V8's baseline compiler only. The one wasm module sluice runs is
#   undici's HTTP parser (HTTP and Mezmo routes), which parses one small response per batch; V8's
#   optimizing tier-up of it took a 29-37 MB compiler zone that glibc then kept resident (20 idle
#   containers on an HTTP route: 84 -> 76 MB; a 500k-line burst's peak: 123 -> 108 MB).
# --max-semi-space-size=4 --heap-growing-percent=30: at node's defaults on a large host the young
#   generation grows to 2 x 16 MB and the old one to 4x its live size before a full GC, so a burst
#   left 60-70 MB of garbage resident beside a live heap of 15-20 MB. With a 4 MB semi-space and the
#   old generation collected at 1.3x its live size: burst peak 108 -> 83 MB (1 container) and
#   157 -> 92 MB (20), 200 containers at 10 lines/s 108 -> 85 MB, at no measurable CPU per line
#   (two interleaved runs each: 6.5-7.9 vs 6.6-11.6 µs). Alone, a smaller semi-space moved the
#   garbage into the old space (peak unchanged); --max-semi-space-size=2 costs ~15 % more CPU per
#   line for 4 MB less. Neither caps the heap: node still sizes its limit from the host's or the
#   cgroup's memory.
ENTRYPOINT ["node", "--liftoff-only", "--max-semi-space-size=4", "--heap-growing-percent=30", "/app/bin/sluice.js"]
# `run` reads /etc/sluice/sluice.yaml; a logspout environment (ROUTE_URIS, LOGDNA_KEY) or route
# argument is run as migrated instead while that file is the embedded default (see README).
CMD ["run"]
