import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadConfigText } from '../../src/config/load.js';
import { diffConfigs, isEmptyDiff } from '../../src/config/diff.js';
import type { ResolvedConfig } from '../../src/config/types.js';

async function load(text: string): Promise<ResolvedConfig> {
  const r = await loadConfigText(text, '/cfg/x.yaml', { K: 'key' }, { hostname: 'box' });
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  return r.config;
}

const route = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/),
  kind: fc.constantFrom('console', 'http', 'mezmo', 'syslog'),
  lines: fc.integer({ min: 1, max: 100 }),
  tag: fc.constantFrom('a', '{{ host }}', 'x-{{ container.name }}'),
});
const config = fc.record({ routes: fc.uniqueArray(route, { selector: (r) => r.name, maxLength: 5 }), level: fc.constantFrom('info', 'debug'), state: fc.constantFrom('/a', '/b') });
type Gen = typeof config extends fc.Arbitrary<infer T> ? T : never;

function yaml(c: Gen): string {
  const dest = (k: string) => ({ console: '{ type: console }', http: '{ type: http, url: "https://h/x" }', mezmo: '{ type: mezmo, key: "${K}" }', syslog: '{ type: syslog, url: "udp://h" }' })[k];
  return `version: 1\nlog_level: ${c.level}\nstate_dir: ${c.state}\nroutes:\n${c.routes.map((r) => `  - name: ${r.name}\n    tags: ["${r.tag}"]\n    buffer: { max_lines: ${r.lines} }\n    destination: ${dest(r.kind)}\n`).join('') || '  []\n'}`;
}

test('property: diff(a, a) is empty, also between two loads of the same text', async () => {
  await fc.assert(
    fc.asyncProperty(config, async (c) => {
      const a = await load(yaml(c));
      const b = await load(yaml(c));
      for (const d of [diffConfigs(a, a), diffConfigs(a, b)]) {
        assert.ok(isEmptyDiff(d), JSON.stringify(d));
        assert.equal(d.unchanged.length, a.routes.length);
        d.unchanged.forEach((r, i) => assert.equal(r, a.routes[i]));
      }
    }),
    { numRuns: 40 },
  );
});

test('added, removed, changed, global and restart changes are reported', async () => {
  const a = await load('version: 1\nroutes:\n  - { name: keep, destination: { type: console } }\n  - { name: gone, destination: { type: console } }\n  - { name: edit, destination: { type: console } }\n');
  const b = await load('version: 1\nlog_level: debug\nstate_dir: /elsewhere\nroutes:\n  - { name: keep, destination: { type: console } }\n  - { name: edit, destination: { type: console, format: json } }\n  - { name: new, destination: { type: console } }\n');
  const d = diffConfigs(a, b);
  assert.deepEqual(d.unchanged.map((r) => r.name), ['keep']);
  assert.equal(d.unchanged[0], a.routes[0]);
  assert.deepEqual(d.removed.map((r) => r.name), ['gone']);
  assert.deepEqual(d.added.map((r) => r.name), ['new']);
  assert.deepEqual(d.changed.map((c) => [c.prev.name, c.next.name]), [['edit', 'edit']]);
  assert.deepEqual(d.globalChanged, ['log_level']);
  assert.deepEqual(d.restartRequired, ['state_dir: changing it needs a restart']);
});
