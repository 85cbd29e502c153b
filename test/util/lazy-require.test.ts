/**
 * requireDeferring: a package's load-time require of a deferred module gets a stand-in, and the real
 * module is loaded on first use, once. Built on a throw-away CommonJS package whose "heavy" module
 * counts its own loads in a global.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lazyMembers, lazyFunction, lazyObject, requireDeferring } from '../../src/util/lazy-require.js';

const g = globalThis as unknown as { heavyLoads: number };

/** node_modules/{pkg,heavy}: pkg requires ./fn, ./obj and `heavy` at load time. */
function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'sluice-lazy-'));
  const nm = join(root, 'node_modules');
  const dir = (n: string) => (mkdirSync(join(nm, n), { recursive: true }), join(nm, n));
  const heavy = dir('heavy');
  writeFileSync(join(heavy, 'package.json'), '{"name":"heavy","main":"index.js"}');
  writeFileSync(
    join(heavy, 'index.js'),
    `globalThis.heavyLoads = (globalThis.heavyLoads || 0) + 1;
class Client { constructor(a, b) { this.args = [a, b]; } }
module.exports = { Client, version: '1.2.3' };`,
  );
  const pkg = dir('pkg');
  writeFileSync(join(pkg, 'package.json'), '{"name":"pkg","main":"index.js"}');
  writeFileSync(join(pkg, 'fn.js'), 'globalThis.heavyLoads = (globalThis.heavyLoads || 0) + 1; module.exports = (x) => x * 2;');
  writeFileSync(
    join(pkg, 'index.js'),
    `const Client = require('heavy').Client; // read at require time, as docker-modem does
const api = require('heavy');
const double = require('./fn');
module.exports = { make: (a, b) => new Client(a, b), version: () => api.version, double, plain: require('path').sep };`,
  );
  return pkg;
}

test('deferred modules load on first use, once; the rest loads as usual', () => {
  g.heavyLoads = 0;
  const pkgDir = fixture();
  let heavyStandIns = 0;
  const pkg = requireDeferring<{ make: (a: unknown, b: unknown) => { args: unknown[] }; version: () => string; double: (x: number) => number; plain: string }>(pkgDir, [
    { request: 'heavy', parent: /[\\/]pkg[\\/]index\.js$/, standIn: (load) => (++heavyStandIns === 1 ? lazyMembers(load, ['Client']) : lazyObject(load)) },
    { request: './fn', parent: /[\\/]pkg[\\/]/, standIn: lazyFunction },
  ]);
  assert.equal(g.heavyLoads, 0, 'nothing deferred was loaded by the require');
  assert.equal(pkg.plain, join('a', 'b')[1], 'an undeferred require works');
  const c = pkg.make(1, 'two');
  assert.deepEqual(c.args, [1, 'two']);
  assert.equal(g.heavyLoads, 1);
  assert.equal(pkg.version(), '1.2.3');
  assert.equal(g.heavyLoads, 1, 'node caches the real module: loaded once');
  assert.equal(pkg.double(21), 42);
  assert.equal(g.heavyLoads, 2, 'the function stand-in loaded ./fn on its first call');
});

test('the loader is restored after the require, also when it throws', () => {
  const loader = createRequire(import.meta.url)('node:module') as { _load: unknown };
  const original = loader._load;
  assert.throws(() => requireDeferring('/nonexistent/sluice-no-such-package', [{ request: 'x', parent: /./, standIn: lazyObject }]), /Cannot find module/);
  assert.equal(loader._load, original);
  requireDeferring(fixture(), []);
  assert.equal(loader._load, original);
});

test('a function stand-in constructs the real class with `new`', () => {
  let loads = 0;
  class Real {
    constructor(readonly a: number) {}
  }
  const StandIn = lazyFunction(() => (loads++, Real)) as new (a: number) => Real;
  assert.equal(loads, 0);
  const r = new StandIn(7);
  assert.ok(r instanceof Real, 'an instance of the real class (a class cannot be called without new)');
  assert.equal(r.a, 7);
  assert.equal(loads, 1);
});

test('member stand-ins, read at require time, load the module on the first call or `new` of any of them', () => {
  let loads = 0;
  class Client {
    constructor(readonly host: string) {}
  }
  const real = { Client, gzipSync: (b: string) => `gz(${b})` };
  const mod = lazyMembers(() => (loads++, real), ['Client', 'gzipSync']) as typeof real;
  const { Client: C, gzipSync } = mod; // as a destructuring require reads them
  assert.equal(loads, 0);
  assert.equal(gzipSync('x'), 'gz(x)');
  const c = new C('h');
  assert.ok(c instanceof Client);
  assert.equal(c.host, 'h');
  assert.equal(loads, 2, 'the loader is asked each time (requireDeferring caches the module itself)');
});
