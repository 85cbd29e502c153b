/**
 * fast-check properties of the logspout route URI parser and the Go template translation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expand, parseInterpolation } from '../../src/config/interpolate.js';
import type { TemplateContext } from '../../src/config/types.js';
import { translateGoTemplate } from '../../src/migrate/gotemplate.js';
import { parseRouteUri, splitRouteUris } from '../../src/migrate/uri.js';
import { compileTemplate } from '../../src/routing/template.js';

const hostChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789.-');
const host = fc.string({ unit: hostChar, minLength: 1, maxLength: 20 });
const value = fc.string({ maxLength: 30 });
const key = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_.'), minLength: 1, maxLength: 12 }).filter((k) => !k.startsWith('filter.'));

const routeSpec = fc.record({
  multiline: fc.boolean(),
  adapter: fc.constantFrom('syslog', 'raw'),
  transport: fc.option(fc.constantFrom('udp', 'tcp', 'tls'), { nil: undefined }),
  host,
  port: fc.integer({ min: 1, max: 65535 }),
  id: fc.option(value, { nil: undefined }),
  name: fc.option(value, { nil: undefined }),
  sources: fc.option(fc.array(fc.constantFrom('stdout', 'stderr', 'x'), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  labels: fc.option(fc.array(value, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  options: fc.dictionary(key, value, { maxKeys: 3 }),
});

type Spec = typeof routeSpec extends fc.Arbitrary<infer T> ? T : never;

// Go's url.QueryEscape-like: everything but unreserved characters is %-escaped (commas too).
const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

function uriOf(s: Spec): string {
  const scheme = (s.multiline ? 'multiline+' : '') + s.adapter + (s.transport ? '+' + s.transport : '');
  const q: string[] = [];
  if (s.id !== undefined) q.push('filter.id=' + enc(s.id));
  if (s.name !== undefined) q.push('filter.name=' + enc(s.name));
  if (s.sources) q.push('filter.sources=' + enc(s.sources.join(',')));
  if (s.labels) q.push('filter.labels=' + enc(s.labels.join(',')));
  for (const [k, v] of Object.entries(s.options)) q.push(enc(k) + '=' + enc(v));
  return `${scheme}://${s.host}:${s.port}${q.length ? '?' + q.join('&') : ''}`;
}

test('property: a route URI built from parts parses back to the same parts, also inside a comma-joined list', () => {
  fc.assert(
    fc.property(fc.array(routeSpec, { minLength: 1, maxLength: 4 }), (specs) => {
      const uris = specs.map(uriOf);
      const split = splitRouteUris(uris.join(','));
      assert.equal(split.length, specs.length);
      specs.forEach((s, i) => {
        const p = parseRouteUri(split[i]!, i + 1);
        assert.ok(p.ok, `${split[i]}: ${p.ok ? '' : p.reason}`);
        const r = p.route;
        assert.equal(r.multiline, s.multiline);
        assert.equal(r.adapter, s.adapter);
        assert.equal(r.transport, s.transport ?? 'udp');
        assert.equal(r.address, `${s.host}:${s.port}`);
        assert.equal(r.filters.id, s.id);
        assert.equal(r.filters.name, s.name);
        assert.deepEqual(r.filters.sources, s.sources);
        assert.deepEqual(r.filters.labels, s.labels?.join(',').split(','));
        assert.deepEqual(Object.fromEntries(r.options), { ...s.options });
        assert.equal(r.userinfo, false);
      });
    }),
    { numRuns: 300 },
  );
});

test('property: any text given as a route URI gives a route or a reason, never an exception', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'+:/?&=%$,{}@#abc12') })), (text) => {
      for (const [i, u] of splitRouteUris(text).entries()) {
        const p = parseRouteUri(u, i + 1);
        if (!p.ok) assert.ok(p.reason.length > 0);
      }
    }),
    { numRuns: 500 },
  );
});

// The Go side, evaluated by hand for the fields the translation supports, on one message.
const MSG = {
  name: 'web-1',
  id: 'f'.repeat(64),
  hostname: 'c0ffee',
  image: 'nginx:1.27',
  labels: { team: 'pay', 'com.docker.compose.service': 'web' } as Record<string, string>,
  source: 'stderr',
  line: 'GET / 200 $HOME ${X}',
  time: '2026-12-02T01:02:03.123456789Z',
};
const FIELDS: [string, string][] = [
  ['.Data', MSG.line],
  ['.Source', MSG.source],
  ['.Container.Name', '/' + MSG.name],
  ['.Container.ID', MSG.id],
  ['.Container.Config.Hostname', MSG.hostname],
  ['.Container.Config.Image', MSG.image],
  ['.Container.Config.Labels.team', 'pay'],
  ['index .Container.Config.Labels "com.docker.compose.service"', 'web'],
  ['.Container.Config.Labels.missing', ''],
];
const piece = fc.oneof(
  fc.string({ maxLength: 8 }).filter((s) => !s.includes('{')).map((s) => ({ go: s, out: s })),
  fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(' ', '', '  ')).map(([[f, out], sp]) => ({ go: `{{${sp}${f}${sp}}}`, out })),
);

const ctx: TemplateContext = {
  container: { id: MSG.id, name: MSG.name, image: MSG.image, labels: MSG.labels, hostname: MSG.hostname, tty: false, logDriver: 'json-file', logspoutIgnore: false },
  host: 'h',
  source: 'stderr',
  line: MSG.line,
  time: MSG.time,
};

test('property: a translated template renders what Go renders (after the config loader reads $$ back as $)', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
      const go = pieces.map((p) => p.go).join('');
      const t = translateGoTemplate(go, 'line');
      assert.ok(t.ok, go);
      const interp = parseInterpolation(t.template);
      assert.ok(interp.ok);
      const loaded = expand(interp.pieces, { env: {}, files: new Map() });
      assert.deepEqual(loaded.problems, []);
      assert.equal(compileTemplate(loaded.value).render(ctx), pieces.map((p) => p.out).join(''));
    }),
    { numRuns: 400 },
  );
});

test('property: any Go template text translates or lists what it could not, never throws', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'{}. -"|$aDt'), maxLength: 30 }), (text) => {
      const t = translateGoTemplate(text, 'container');
      if (!t.ok) assert.ok(t.unsupported.length > 0);
      else {
        const interp = parseInterpolation(t.template);
        assert.ok(interp.ok, t.template);
        assert.doesNotThrow(() => compileTemplate(expand(interp.pieces, { env: {}, files: new Map() }).value));
      }
    }),
    { numRuns: 500 },
  );
});
