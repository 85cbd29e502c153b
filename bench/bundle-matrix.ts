/**
 * The compiled output (dist/src, one file per module, packages from node_modules) compared with the
 * esbuild bundle the image runs (scripts/bundle.mjs: dist/bundle, minified, and dist/bundle-plain, not) on the
 * memory rows, side by side in one run, each started with the image's node flags:
 *   - idle: RSS 5 s after start, nothing to collect (ROUNDS rounds, the variants interleaved, a bare
 *     `node` process beside them as the floor);
 *   - burst: peak RSS while BURST pre-written lines from each of KS containers are delivered to an
 *     HTTP sink (default delivery settings, checkpoints on), RSS 3 s after it.
 *   node scripts/bundle.mjs && SLUICE_BUNDLE_MINIFY=0 SLUICE_BUNDLE_OUT=dist/bundle-plain node scripts/bundle.mjs
 *   npx tsc -p tsconfig.build.json && npx tsx bench/bundle-matrix.ts
 * NODE_OPTIONS=--max-semi-space-size=1 pins the young generation: what remains is code and heap, not
 * new-space pages a start did or did not touch (dist 62.5, bundle 60.6 MB; default flags 68.5 / 61.7).
 * VARIANTS (default "dist,bundle-plain,bundle"), ROUNDS (3), KS ("1,20"), BURST (500000); needs the
 * test engine's variables (scripts/test-env.sh env).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { imageNodeFlags } from './node-flags.js';

const REPO = join(import.meta.dirname, '..');
const ENTRIES: Record<string, string> = {
  dist: join(REPO, 'dist', 'src', 'main.js'),
  'bundle-plain': join(REPO, 'dist', 'bundle-plain', 'main.js'),
  bundle: join(REPO, 'dist', 'bundle', 'main.js'),
};
const socket = new URL(process.env.SLUICE_TEST_DOCKER_HOST!).pathname;
const image = process.env.SLUICE_TEST_IMAGE ?? 'sluice-test-busybox:latest';
const docker = new Docker({ socketPath: socket });
const VARIANTS = (process.env.VARIANTS ?? 'dist,bundle-plain,bundle').split(',').filter(Boolean);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const KS = (process.env.KS ?? '1,20').split(',').filter(Boolean).map(Number);
const BURST = Number(process.env.BURST ?? 500_000);
const FLAGS = imageNodeFlags();

const status = (pid: number, f: string) => Number(new RegExp(`${f}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f1 = (x: number) => x.toFixed(1);

function start(variant: string, config: string): ChildProcess {
  return spawn(process.execPath, [...FLAGS, ENTRIES[variant]!, 'run', '--config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
}
async function stop(p: ChildProcess): Promise<void> {
  const exited = new Promise((r) => p.on('exit', r));
  p.kill('SIGTERM');
  await exited;
}
function config(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bundle-bench-'));
  writeFileSync(join(dir, 's.yaml'), `version: 1\ndocker: { host: "unix://${socket}" }\nstate_dir: "${dir}"\napi: null\nlog_level: warn\n${body}`);
  return join(dir, 's.yaml');
}

async function flood(name: string, lines: number, label: string): Promise<string> {
  const c = await docker.createContainer({ Image: image, name, Labels: { [label]: '1', 'sluice.enable': 'true' }, Cmd: ['/bin/sh', '-c', `yes "$(head -c 99 /dev/zero | tr '\\0' x)" | head -n ${lines}`], HostConfig: { NetworkMode: 'none' } });
  await c.start();
  await c.wait();
  return c.id;
}

async function main(): Promise<void> {
  for (const v of VARIANTS) if (!existsSync(ENTRIES[v] ?? '')) throw new Error(`${v}: ${ENTRIES[v]} missing (build it first)`);
  console.log(`node ${process.version}, flags [${FLAGS.join(' ')}]`);

  // Idle, interleaved rounds.
  const idle: Record<string, number[]> = { bare: [] };
  for (const v of VARIANTS) idle[v] = [];
  // As `npm run bench` starts its idle agent (name globs excluded).
  const idleConfig = config('containers: { opt_in: true, backfill: all, exclude: { name: ["bench-flood-*", "bench-20-*", "bench-burst*", "bench-many-*"] } }\nroutes:\n  - name: b\n    match: { labels: { sluice.none: "1" } }\n    destination: { type: console }\n');
  for (let r = 0; r < ROUNDS; r++) {
    const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
    const ps = VARIANTS.map((v) => [v, start(v, idleConfig)] as const);
    await sleep(5000);
    idle.bare!.push(status(bare.pid!, 'VmRSS'));
    for (const [v, p] of ps) idle[v]!.push(status(p.pid!, 'VmRSS'));
    bare.kill();
    for (const [, p] of ps) await stop(p);
  }

  // Burst.
  const run = Date.now().toString(36);
  const groups: Record<number, string[]> = {};
  let count = 0;
  let target = 0;
  let onReach: (() => void) | null = null;
  const server: Server = createServer((req, res) => {
    let n = 0;
    req.on('data', (d: Buffer) => {
      for (let j = d.indexOf(10); j !== -1; j = d.indexOf(10, j + 1)) n++;
    });
    req.on('end', () => {
      count += n;
      res.end();
      if (count >= target && onReach) {
        const f = onReach;
        onReach = null;
        f();
      }
    });
  });
  const burst: Record<string, string[]> = {};
  try {
    for (const k of KS) groups[k] = await Promise.all(Array.from({ length: k }, (_, i) => flood(`bench-burst-bm-${run}-${k}-${i}`, Math.floor(BURST / k), `sluice.bm${k}`)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    for (const v of VARIANTS) {
      burst[v] = [];
      for (const k of KS) {
        const c = config(`containers: { opt_in: true, backfill: all }\nroutes:\n  - name: b\n    match: { labels: { sluice.bm${k}: "1" } }\n    destination: { type: http, url: "${url}", encoding: ndjson }\n`);
        count = 0;
        target = Math.floor(BURST / k) * k;
        const done = new Promise<void>((r) => (onReach = r));
        const p = start(v, c);
        await done;
        const peak = status(p.pid!, 'VmHWM');
        await sleep(3000);
        const after = status(p.pid!, 'VmRSS');
        await stop(p);
        burst[v]!.push(`${k}: peak ${f1(peak)}, after ${f1(after)}`);
      }
    }
  } finally {
    server.close();
    // Named bench-burst*: a container left by an interrupted run is never collected by the bench's idle rows.
    for (const ids of Object.values(groups)) await Promise.all(ids.map((i) => docker.getContainer(i).remove({ force: true }).catch(() => undefined)));
  }

  console.log(`| variant | idle RSS, MB (median of ${ROUNDS}; all) | burst RSS, MB (containers: peak, 3 s after) |`);
  console.log('|---|---|---|');
  console.log(`| bare node | ${f1(median(idle.bare!))} (${idle.bare!.map(f1).join(', ')}) | |`);
  for (const v of VARIANTS) console.log(`| ${v} | ${f1(median(idle[v]!))} (${idle[v]!.map(f1).join(', ')}) | ${burst[v]!.join('; ')} |`);
}
await main();
