/**
 * Issue 7's end-to-end must-show: numbered lines from a real container flow through the in-process
 * agent while the config file is rewritten 20 times (through the Reloader and chokidar), adding,
 * changing and removing routes and filters, and changing the global tags every time. Every route
 * gets exactly the lines it should — no gap, no duplicate — across the old and new instance of a
 * changed route, and each line carries the tags of the config it was routed under.
 *
 * The oracle: the router's `dispatch` is observed (not altered) to learn which route table each line
 * went through; the table's version gives the expected routes and filters for that line, computed
 * here from the test's own description of each version, not from sluice's matching code.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { Agent } from '../../src/runtime/agent.js';
import { Reloader } from '../../src/runtime/reloader.js';
import type { RouteTable } from '../../src/routing/table.js';
import type { Sink } from '../../src/sinks/sink.js';
import { createMetrics } from '../../src/telemetry/metrics.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { DOCKER_HOST, TestDocker, hasDocker, waitFor } from '../helpers/docker.js';
import { load, tempConfig } from '../runtime/helpers.js';

const td = new TestDocker();
after(() => td.cleanup());

const RELOADS = 20;
const NAME = td.name('reload-numbered');

interface RouteSpec {
  readonly name: string;
  readonly yaml: string;
  /** Whether line n goes to this route in this version. */
  readonly accepts: (n: number) => boolean;
}

const p = (n: number) => n % 2;
const q = (n: number) => n % 3;
const mine = `{ sluice.test: "${td.runId}" }`;

/** Version k of the config: which routes exist, with which filters, and what they accept. */
function routesOf(k: number): RouteSpec[] {
  const r: RouteSpec[] = [];
  const route = (name: string, body: string, accepts: (n: number) => boolean) =>
    r.push({ name, yaml: `  - name: ${name}\n    match: { labels: ${mine} }\n${body}    destination: { type: console }\n`, accepts });
  // Unchanged in every version: one instance from start to end.
  route('all', '    flush: { interval: 100ms }\n', () => true);
  // Changed now and then (flush interval), same filter: its lines continue across instances.
  route('even', `    filter: { include: ["p0"] }\n    flush: { interval: ${k % 3 === 0 ? '50ms' : '80ms'} }\n`, (n) => p(n) === 0);
  // Its filter changes with every version.
  const mode = k % 3;
  route(
    'flip',
    mode === 0 ? '    filter: { include: ["p0"] }\n' : mode === 1 ? '    filter: { exclude: ["q0"] }\n' : '',
    mode === 0 ? (n) => p(n) === 0 : mode === 1 ? (n) => q(n) !== 0 : () => true,
  );
  // Removed and added back, again and again.
  if (k % 2 === 1) route('comego', '    filter: { include: ["/ q[12]$/"] }\n', (n) => q(n) !== 0);
  // A buffer change only.
  route('q2', `    filter: { include: ["/ q2$/"] }\n    buffer: { max_lines: ${10_000 + (k % 4 < 2 ? 0 : 1)} }\n`, (n) => q(n) === 2);
  // Its match stops and starts matching the container.
  if (k % 4 === 3) r.push({ name: 'sometimes', yaml: `  - name: sometimes\n    match: { name: ["zzz-*"], labels: ${mine} }\n    destination: { type: console }\n`, accepts: () => false });
  else route('sometimes', '    filter: { exclude: ["p1"] }\n', (n) => p(n) === 0);
  return r;
}

const yamlOf = (k: number) =>
  `# version ${k}\nversion: 1\nstate_dir: null\napi: null\ndocker: { host: "${DOCKER_HOST}" }\ntags: ["v${k}"]\nreload: { debounce: 30ms, poll_interval: 1s }\nroutes:\n${routesOf(k)
    .map((s) => s.yaml)
    .join('')}`;

interface Capture {
  readonly route: string;
  readonly gen: number;
  readonly lines: number[];
  readonly tags: string[];
  foreign: number;
  closed: boolean;
}

const num = (line: string) => Number(/^n-(\d+) /.exec(line)?.[1] ?? NaN);

test('20 reloads while a container prints numbered lines: every route gets exactly its lines', { skip: !hasDocker, timeout: 60_000 }, async (t) => {
  const { file } = tempConfig(yamlOf(0));
  const captures: Capture[] = [];
  const sinkFactory = (rc: { name: string }): Sink => {
    const c: Capture = { route: rc.name, gen: captures.length, lines: [], tags: [], foreign: 0, closed: false };
    captures.push(c);
    return {
      async send(batch, signal) {
        // A little latency keeps batches in flight while the tables swap; like a real sink, an
        // aborted send delivers nothing.
        await new Promise((r) => setTimeout(r, Math.random() * 15));
        if (signal.aborted) return { kind: 'retryable', error: 'aborted', detail: 'aborted' };
        for (const rec of batch) {
          if (rec.container.name !== NAME) c.foreign++;
          else {
            c.lines.push(num(rec.line));
            c.tags.push(rec.tags.join(','));
          }
        }
        return { kind: 'ok' };
      },
      async close() {
        c.closed = true;
      },
    };
  };
  const metrics = createMetrics();
  const logger = silentLogger();
  const agent = new Agent(await load(yamlOf(0), file), { logger, metrics, sinkFactory });
  const reloader = new Reloader({ file, env: {}, agent, logger, metrics, loadOptions: { hostname: 'box' } });

  // Observe which table each of our lines is routed through (the swap is one assignment).
  const dispatched: { n: number; table: RouteTable }[] = [];
  const router = agent.router;
  const dispatch = router.dispatch.bind(router);
  router.dispatch = (rec) => {
    if (rec.container.name === NAME) dispatched.push({ n: num(rec.line), table: router.table });
    dispatch(rec);
  };
  const versionOf = new Map<RouteTable, number>([[router.table, 0]]);

  await agent.start();
  await reloader.start();
  // It prints until killed after the last reload: the reloads always happen while lines flow.
  const id = await td.run({ name: NAME, script: `i=0; while true; do i=$((i+1)); echo "n-$i p$((i%2)) q$((i%3))"; usleep 3000; done` });
  assert.ok(await waitFor(() => dispatched.length >= 50, 20_000), 'lines flow before the first reload');

  for (let k = 1; k <= RELOADS; k++) {
    const applied = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`version ${k} was not applied: ${JSON.stringify(reloader.status())}`)), 5000);
      reloader.once('applied', () => {
        clearTimeout(timer);
        // Checks never overlap, so the table now installed is version k's.
        versionOf.set(router.table, k);
        resolve();
      });
    });
    writeFileSync(file, yamlOf(k));
    await applied;
    const seen = dispatched.length;
    assert.ok(await waitFor(() => dispatched.length >= seen + 15, 10_000), `lines after version ${k}`);
  }
  await td.docker.getContainer(id).kill();
  assert.ok(await waitFor(() => agent.containers.get(id)?.attached === false, 20_000), 'the stream ended');
  // What the container printed, as Docker stored it: the agent must have read exactly that.
  const stored = (await td.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  const N = [...stored.toString('latin1').matchAll(/n-(\d+) p/g)].length;
  assert.ok(N > 50 + RELOADS * 15, `printed ${N}`);
  await reloader.stop();
  await agent.stop();
  assert.ok(await waitFor(() => captures.every((c) => c.closed), 10_000), 'every route instance, retired or current, drained and closed');

  // Read once each, in order, no gap.
  assert.deepEqual(
    dispatched.map((d) => d.n),
    Array.from({ length: N }, (_, i) => i + 1),
  );
  const version = dispatched.map((d) => versionOf.get(d.table));
  assert.ok(version.every((v) => v !== undefined), 'every line went through a known table');
  for (let k = 0; k <= RELOADS; k++) assert.ok(version.includes(k), `lines were routed under version ${k}`);
  assert.equal((await metrics.configReloads.get()).values[0]?.value, RELOADS);

  for (const name of ['all', 'even', 'flip', 'comego', 'q2', 'sometimes']) {
    const expected: number[] = dispatched.filter((d, i) => routesOf(version[i]!).find((s) => s.name === name)?.accepts(d.n)).map((d) => d.n);
    const instances = captures.filter((c) => c.route === name);
    const got = instances.flatMap((c) => c.lines);
    assert.deepEqual([...got].sort((a, b) => a - b), expected, `route ${name}: exactly its lines, each once`);
    for (const c of instances) {
      assert.equal(c.foreign, 0, `route ${name} got only its container's lines`);
      assert.ok(c.lines.every((n, i) => i === 0 || n > c.lines[i - 1]!), `route ${name} instance ${c.gen}: in order`);
    }
    // An old instance holds only lines before its successor's first.
    const used = instances.filter((c) => c.lines.length);
    for (let i = 1; i < used.length; i++) assert.ok(used[i - 1]!.lines.at(-1)! < used[i]!.lines[0]!, `route ${name}: instances ${used[i - 1]!.gen} then ${used[i]!.gen} do not overlap`);
    t.diagnostic(`${name}: ${got.length} lines over ${instances.length} instance(s)`);
  }
  assert.equal(captures.filter((c) => c.route === 'all').length, 1, 'the unchanged route kept one instance throughout');
  assert.ok(captures.filter((c) => c.route === 'even').length > 1, 'the changed route was rebuilt');

  // Each line carries the global tags of the version it was routed under.
  const tagsOf = new Map(dispatched.map((d, i) => [d.n, `v${version[i]}`]));
  const all = captures.find((c) => c.route === 'all')!;
  all.lines.forEach((n, i) => assert.equal(all.tags[i], tagsOf.get(n), `line ${n}`));
});
