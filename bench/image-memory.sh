#!/usr/bin/env bash
# The sluice IMAGE's memory at the default buffers (10000 lines / 8 MiB, one HTTP route), the figures
# behind the Kubernetes DaemonSet's and the ECS task's memory request and limit. Runs the image
# (build it first: test/helpers/image.ts, or `docker build`) on the private test engine with
# --network host, a writer container printing a burst, and an HTTP sink on 127.0.0.1 that answers at
# once (fast) or never (stall: the destination is down, so the buffer fills and reading blocks).
# Prints the agent process's peak RSS (VmHWM, anon and file-backed), the container cgroup's peak
# and whether it was OOM-killed.
#
#   bash bench/image-memory.sh NAME fast|stall LINES LINE_BYTES CONTAINERS [MEMORY_LIMIT]
#   e.g. bash bench/image-memory.sh burst fast 500000 100 1 256m
#        bash bench/image-memory.sh full stall 100000 1024 20
# SECS (default 60): how long to wait for delivery (fast) or to hold the full buffer (stall).
set -uo pipefail
cd "$(dirname "$0")/.."
NAME=$1 MODE=$2 LINES=$3 LEN=$4 K=$5 MEM=${6:-}
HOST=${SLUICE_TEST_DOCKER_HOST:-unix:///tmp/sluice-test-env/docker.sock}
SOCK=${HOST#unix://}
IMAGE=sluice:$(node -p 'require("./package.json").version')
D() { docker -H "$HOST" "$@"; }

W=$(mktemp -d /tmp/sluice-imgmem-XXXXXX); chmod 755 "$W"; mkdir -m 755 "$W/conf" "$W/run"
# The socket's directory, as users mount /var/run (a hard link: the engine's own directory holds its data root).
ln "$SOCK" "$W/run/docker.sock"
PORT=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
cat > "$W/conf/sluice.yaml" <<EOF
version: 1
api: null
containers: { opt_in: true }
routes:
  - name: out
    match: { labels: { sluice.imgmem: "$NAME" } }
    destination: { type: http, url: "http://127.0.0.1:$PORT/", encoding: ndjson }
EOF
chmod 644 "$W/conf/sluice.yaml"
cat > "$W/sink.mjs" <<'EOF'
import { createServer } from 'node:http';
let lines = 0;
createServer((req, res) => {
  let n = 0;
  req.on('data', (c) => { for (const b of c) if (b === 10) n++; });
  req.on('end', () => { if (process.env.MODE === 'fast') { lines += n; res.end('ok'); } });
}).listen(Number(process.env.PORT), '127.0.0.1');
setInterval(() => process.stdout.write(`${lines}\n`), 1000);
EOF
MODE=$MODE PORT=$PORT node "$W/sink.mjs" > "$W/sink.log" & SINK=$!
cleanup() {
  D rm -f "imgmem-$NAME" $(seq -f "imgmem-$NAME-w%g" 1 "$K") >/dev/null 2>&1
  D volume rm "imgmem-$NAME" >/dev/null 2>&1
  kill "$SINK" 2>/dev/null; rm -rf "$W"
}
trap cleanup EXIT

D run -d --name "imgmem-$NAME" --network host --group-add "$(stat -c %g "$SOCK")" ${MEM:+--memory "$MEM" --memory-swap "$MEM"} \
  -v "$W/run:/host/run:ro" -v "$W/conf:/etc/sluice:ro" -v "imgmem-$NAME:/var/lib/sluice" "$IMAGE" >/dev/null || exit 1
for _ in $(seq 1 120); do D logs "imgmem-$NAME" 2>&1 | grep -q 'Connected to the Docker engine' && break; sleep 0.5; done
PID=$(D inspect -f '{{.State.Pid}}' "imgmem-$NAME")
CID=$(D inspect -f '{{.Id}}' "imgmem-$NAME")
echo "at rest: $(grep -E '^VmRSS' /proc/"$PID"/status | tr -s ' \t' ' ')"
per=$((LINES / K))
pad=$(head -c $((LEN - 8)) /dev/zero | tr '\0' x)
for i in $(seq 1 "$K"); do
  D run -d --name "imgmem-$NAME-w$i" --label "sluice.imgmem=$NAME" --label sluice.enable=true --network none sluice-test-busybox:latest \
    sh -c "yes $pad | head -n $per | awk '{printf \"%07d %s\\n\", NR, \$0}'; sleep 3600" >/dev/null
done
t0=$(date +%s)
for _ in $(seq 1 "${SECS:-60}"); do
  sleep 1
  got=$(tail -n1 "$W/sink.log")
  if [ "$MODE" = fast ] && [ "${got:-0}" -ge "$LINES" ]; then break; fi
done
echo "$NAME: $MODE, $LINES lines of $LEN bytes from $K container(s), limit ${MEM:-none}: delivered $(tail -n1 "$W/sink.log") in $(($(date +%s) - t0)) s"
grep -E '^(VmHWM|VmRSS|RssAnon|RssFile)' /proc/"$PID"/status 2>/dev/null | tr -s ' \t' ' ' | tr '\n' ' '; echo
cg=$(find /sys/fs/cgroup/memory /sys/fs/cgroup -maxdepth 5 -type d -name "*$CID*" 2>/dev/null | head -n1)
if [ -f "$cg/memory.max_usage_in_bytes" ]; then echo "cgroup peak $(( $(cat "$cg/memory.max_usage_in_bytes") / 1048576 )) MiB"; fi
if [ -f "$cg/memory.peak" ]; then echo "cgroup peak $(( $(cat "$cg/memory.peak") / 1048576 )) MiB"; fi
echo "OOM-killed: $(D inspect -f '{{.State.OOMKilled}}' "imgmem-$NAME")"
