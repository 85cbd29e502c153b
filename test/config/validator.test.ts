/**
 * The generated validator (src/config/validator.gen.ts, what the agent runs) and ajv's compiled one
 * (loaded for error messages) must agree: same verdict, same defaults filled in. Checked on every
 * example and fixture, and on random edits of the valid ones (fast-check).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import fc from 'fast-check';
import { validateFast, validator } from '../../src/config/schema.js';

const root = join(import.meta.dirname, '..', '..');
const yamlFiles = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).map((f) => join(root, dir, f));
const files = [...yamlFiles('config/examples'), ...yamlFiles('test/fixtures/config/valid'), ...yamlFiles('test/fixtures/config/invalid'), join(root, 'config/sluice.yaml')];

/** A file's YAML, with each `${...}` reference replaced by a plain value (interpolation is not under test here). */
const read = (f: string): unknown => parse(readFileSync(f, 'utf8').replace(/\$\{[^}]*\}/g, '5'));

function both(data: unknown): { fast: boolean; compiled: boolean; fastData: unknown; compiledData: unknown } {
  const a = structuredClone(data);
  const b = structuredClone(data);
  return { fast: validateFast(a), compiled: validator()(b), fastData: a, compiledData: b };
}

test('every example and fixture: the same verdict and the same defaults from both validators', () => {
  let valid = 0;
  let invalid = 0;
  for (const f of files) {
    let data: unknown;
    try {
      data = read(f);
    } catch {
      continue; // the YAML syntax fixture
    }
    const r = both(data);
    assert.equal(r.fast, r.compiled, f);
    assert.deepEqual(r.fastData, r.compiledData, f);
    if (r.fast) valid++;
    else invalid++;
  }
  assert.ok(valid >= 5 && invalid >= 8, `${valid} valid, ${invalid} invalid`);
});

/** Paths to every value of a parsed document. */
function paths(node: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(node)) node.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push(...paths(v, [...at, k]));
  return out;
}

test('random edits of valid configs: both validators agree', () => {
  const bases = [...yamlFiles('config/examples'), ...yamlFiles('test/fixtures/config/valid')].map(read);
  const value = fc.oneof(
    fc.constantFrom('(', '{{ nope', '/[/', '10s', '5MiB', 'tcp://127.0.0.1:1', 'http', 'syslog', 'none', 'all', 'tail:5', '', 'x'),
    fc.integer({ min: -2, max: 100_000 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant([]),
    fc.constant({}),
    fc.string({ maxLength: 12 }),
  );
  fc.assert(
    fc.property(fc.nat(), fc.nat(), value, fc.boolean(), (bi, pi, v, asKey) => {
      const doc = structuredClone(bases[bi % bases.length]);
      const ps = paths(doc);
      const p = ps[pi % ps.length]!;
      if (p.length === 0) return;
      let parent = doc as Record<string | number, unknown>;
      for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
      const last = p[p.length - 1]!;
      if (asKey && !Array.isArray(parent)) parent[`${String(last)}_x`] = v; // an unknown key
      else parent[last] = v;
      const r = both(doc);
      assert.equal(r.fast, r.compiled);
      assert.deepEqual(r.fastData, r.compiledData);
    }),
    { numRuns: 400 },
  );
});
