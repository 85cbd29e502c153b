/**
 * The pod log file source (src/kubernetes/), in-process: N pre-written 100-byte CRI lines in one
 * container's files (rotated every 50,000 lines: rename, gzip of the older rotated file, as the
 * kubelet does) read by KubernetesSource with a context that counts and acknowledges each record at
 * once (no routes, no sinks: the source's own cost), beside a bare reader of the same bytes
 * (fs.readFile + split on newlines). Reports lines/s and CPU µs per line (process.cpuUsage).
 * `npx tsx bench/kubernetes.ts`, or a part of `npm run bench` (BENCH_SKIP=files to skip).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { settleAll, type LogRecord } from '../src/core/record.js';
import { KubernetesSource } from '../src/kubernetes/source.js';
import { silentLogger } from '../src/telemetry/logger.js';
import { createMetrics } from '../src/telemetry/metrics.js';
import { systemClock } from '../src/util/clock.js';
import { FakeKubelet } from '../test/helpers/kubelet.js';

export interface FileBenchResult {
  lines: number;
  rate: number;
  cpuUsPerLine: number;
  bareRate: number;
  bareCpuUsPerLine: number;
}

/** N numbered ~100-byte CRI lines in one container's files under a new log_dir, rotated every 50,000. */
export async function writePodLogs(n: number): Promise<{ logDir: string; dir: string }> {
  const logDir = await mkdtemp(join(tmpdir(), 'sluice-bench-pods-'));
  const k = new FakeKubelet(logDir);
  k.maxFiles = 1000; // keep every file: the bench reads them all
  const c = k.pod('bench', 'writer').container('c');
  const text = 'x'.repeat(45); // ~100-byte records: a ~40-byte CRI header and 59 bytes of text
  for (let i = 0; i < n; i++) {
    c.write(i % 5 === 0 ? 'stderr' : 'stdout', `line ${String(i).padStart(8, '0')} ${text}`);
    if (i > 0 && i % 50_000 === 0) c.rotate();
  }
  c.close();
  return { logDir, dir: c.dir };
}

export async function benchFileSource(n: number): Promise<FileBenchResult> {
  const { logDir, dir } = await writePodLogs(n);
  try {
    const c = { dir };
    // Bare: the same bytes read and split, no parsing.
    const b0 = process.cpuUsage();
    const t0 = performance.now();
    let bare = 0;
    for (const f of readdirSync(c.dir)) {
      let bytes = readFileSync(join(c.dir, f));
      if (f.endsWith('.gz')) bytes = gunzipSync(bytes);
      for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) bare++;
    }
    const bareSecs = (performance.now() - t0) / 1000;
    const bareCpu = process.cpuUsage(b0);

    let count = 0;
    let done: () => void = () => undefined;
    const all = new Promise<void>((r) => (done = r));
    const src = new KubernetesSource(
      { logDir, stateDir: null, maxLineBytes: 256 * 1024, pods: null, pollMs: 100 },
      {
        logger: silentLogger(),
        metrics: createMetrics(),
        clock: systemClock,
        select: () => true,
        backfill: () => ({ kind: 'all' }),
        emit: (rec: LogRecord) => {
          settleAll(rec);
          if (++count === n) done();
        },
        lifecycle: () => undefined,
      },
    );
    const c0 = process.cpuUsage();
    const s0 = performance.now();
    await src.start();
    await all;
    const secs = (performance.now() - s0) / 1000;
    const cpu = process.cpuUsage(c0);
    await src.stop();
    return {
      lines: count,
      rate: count / secs,
      cpuUsPerLine: (cpu.user + cpu.system) / count,
      bareRate: bare / bareSecs,
      bareCpuUsPerLine: (bareCpu.user + bareCpu.system) / bare,
    };
  } finally {
    await rm(logDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.env.BENCH_LINES ?? 300_000);
  const r = await benchFileSource(n);
  console.log(`file source: ${r.lines} lines, ${Math.round(r.rate)} lines/s, ${r.cpuUsPerLine.toFixed(2)} CPU µs/line; bare read+split: ${Math.round(r.bareRate)} lines/s, ${r.bareCpuUsPerLine.toFixed(2)} µs/line`);
}
