/**
 * Node flags compared on the memory rows, one sluice process per flag set, reusing the same flood
 * containers (quicker and less noisy than a whole `npm run bench` per set): peak RSS of a burst of
 * BURST pre-written lines from each of KS containers (default delivery settings, checkpoints on),
 * RSS 3 s after it, and RSS 5 s after start with nothing to collect. CPU figures include the start
 * and are only indicative; `npm run bench` measures CPU per line properly.
 *   FLAGSETS="|--max-semi-space-size=2|--optimize-for-size" npx tsx bench/flag-matrix.ts
 * (flag sets separated by `|`; an empty one is node's defaults). SNAP_AT=N sends SIGUSR2 after N
 * lines (with --heapsnapshot-signal=SIGUSR2 in a set: a heap snapshot during the burst).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { buildImageBundle, IMAGE_ENTRY_ENV } from './node-flags.js';
const REPO = join(import.meta.dirname, '..');
const socket = new URL(process.env.SLUICE_TEST_DOCKER_HOST!).pathname;
const image = process.env.SLUICE_TEST_IMAGE!;
const docker = new Docker({ socketPath: socket });
const sets = (process.env.FLAGSETS ?? '').split('|').map((s) => s.split(' ').filter(Boolean));
const KS = (process.env.KS ?? '1,20').split(',').map(Number);
const BURST = Number(process.env.BURST ?? 500000);
const status = (pid: number, f: string) => Number(new RegExp(`${f}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const ticks = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8'); const r = f.slice(f.lastIndexOf(')') + 2).split(' '); return Number(r[11]) + Number(r[12]); };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function flood(name: string, lines: number, label: string) {
  const c = await docker.createContainer({ Image: image, name, Labels: { [label]: '1', 'sluice.enable': 'true' }, Cmd: ['/bin/sh', '-c', `yes "$(head -c 99 /dev/zero | tr '\\0' x)" | head -n ${lines}`], HostConfig: { NetworkMode: 'none' } });
  await c.start(); await c.wait(); return c.id;
}
async function main() {
  buildImageBundle(REPO);
  const run = Date.now().toString(36);
  const groups: Record<number, string[]> = {};
  for (const k of KS) groups[k] = await Promise.all(Array.from({ length: k }, (_, i) => flood(`bench-burst-fm-${run}-${k}-${i}`, Math.floor(BURST / k), `sluice.fl${k}`)));
  let count = 0; let target = 0; let onReach: (() => void) | null = null;
  const server = createServer((req, res) => { let n = 0; req.on('data', (d: Buffer) => { for (let j = d.indexOf(10); j !== -1; j = d.indexOf(10, j + 1)) n++; }); req.on('end', () => { count += n; res.end(); if (count >= target && onReach) { const f = onReach; onReach = null; f(); } }); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as any).port}/`;
  try {
  for (const flags of sets) {
    const out: string[] = [];
    for (const k of KS) {
      const dir = mkdtempSync(join(tmpdir(), 'i13-fl-'));
      writeFileSync(join(dir, 's.yaml'), `version: 1\ndocker: { host: "unix://${socket}" }\nstate_dir: "${dir}"\napi: null\nlog_level: warn\ncontainers: { opt_in: true, backfill: all }\nroutes:\n  - name: b\n    match: { labels: { sluice.fl${k}: "1" } }\n    destination: { type: http, url: "${url}", encoding: ndjson }\n`);
      count = 0; target = Math.floor(BURST / k) * k;
      const done = new Promise<void>((r) => (onReach = r));
      const p = spawn(process.execPath, [...flags, join(REPO, 'bin', 'sluice.js'), 'run', '--config', join(dir, 's.yaml')], { env: { ...process.env, ...IMAGE_ENTRY_ENV }, stdio: ['ignore', 'ignore', 'inherit'] });
      const t0 = performance.now(); let c0 = -1;
      let snapped = false; const first = setInterval(() => { if (count > 0 && c0 < 0) c0 = ticks(p.pid!); if (process.env.SNAP_AT && !snapped && count >= Number(process.env.SNAP_AT)) { snapped = true; p.kill('SIGUSR2'); } }, 5);
      await done; clearInterval(first);
      const secs = (performance.now() - t0) / 1000; const cpu = ticks(p.pid!) - Math.max(0, c0);
      const peak = status(p.pid!, 'VmHWM');
      await sleep(3000); const after = status(p.pid!, 'VmRSS');
      p.kill('SIGTERM'); await new Promise((r) => p.on('exit', r));
      out.push(`k=${k}: peak ${peak.toFixed(1)} MB, after ${after.toFixed(1)}, ${(target / secs / 1000).toFixed(0)}k l/s (incl start), ${((cpu / 100) * 1e6 / target).toFixed(2)} µs/line`);
    }
    // idle
    const dir = mkdtempSync(join(tmpdir(), 'i13-idle-'));
    writeFileSync(join(dir, 's.yaml'), `version: 1\ndocker: { host: "unix://${socket}" }\nstate_dir: "${dir}"\napi: null\nlog_level: warn\ncontainers: { opt_in: true }\nroutes:\n  - name: b\n    match: { labels: { none: "1" } }\n    destination: { type: console }\n`);
    const p = spawn(process.execPath, [...flags, join(REPO, 'bin', 'sluice.js'), 'run', '--config', join(dir, 's.yaml')], { env: { ...process.env, ...IMAGE_ENTRY_ENV }, stdio: ['ignore', 'ignore', 'inherit'] });
    await sleep(5000); const idle = status(p.pid!, 'VmRSS'); p.kill('SIGTERM'); await new Promise((r) => p.on('exit', r));
    console.log(`[${flags.join(' ') || 'default'}] idle ${idle.toFixed(1)} MB | ${out.join(' | ')}`);
  }
  } finally {
    server.close();
    // Named bench-burst*: a container left by an interrupted run is never collected by the bench's idle rows.
    for (const ids of Object.values(groups)) await Promise.all(ids.map((i) => docker.getContainer(i).remove({ force: true }).catch(() => undefined)));
  }
}
main();
