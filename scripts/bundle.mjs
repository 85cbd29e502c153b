// Bundles the CLI (src/main.ts) into dist/bundle/, what the image runs: one ESM file per command
// (the commands are loaded by dynamic import, so `run` never parses `migrate` or `explain`) and
// chunks they share, sluice's own modules and the pure-JS packages they import statically inlined.
// What sluice loads through createRequire (dockerode and prom-client with their deferrals,
// src/util/lazy-require.ts; undici and ajv's compiler on demand) stays in node_modules.
// Minified (identifiers too, names kept): 6-7 MB less idle RSS than dist/src at node's default flags,
// ~1 MB of it from minifying (bench/bundle-matrix.ts). Of that, ~2 MB is code and heap (measured with
// the young generation pinned, NODE_OPTIONS=--max-semi-space-size=1: 62.5 -> 60.6 MB); the rest is
// new-space pages a start that allocates less never touches.
// SLUICE_BUNDLE_MINIFY=0: not minified; SLUICE_BUNDLE_OUT: elsewhere.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/**
 * Node's own modules, imported by `import` statements (sluice's sources, chokidar), are loaded with
 * require() instead. Node builds the ES module facade of a builtin by reading every export, which
 * runs the lazy getters CommonJS never touches: on Node 24, `import { createServer } from
 * 'node:http'` reads http.WebSocket and so loads Node's internal undici (fetch, WebSocket: a
 * 770 KB source, 73 modules), `node:util` and `node:fs` 31-33 modules more. Measured on the image's
 * Node 24, idle agent: 13.5 MB of RSS for node:http alone. Here each becomes a CommonJS module that
 * esbuild reads a property of where it is used.
 */
const builtins = new Set(builtinModules);
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (a) => {
      if (a.kind !== 'import-statement') return undefined;
      const name = a.path.replace(/^node:/, '');
      return builtins.has(name) && name !== 'module' ? { path: name, namespace: 'builtin-by-require' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin-by-require' }, (a) => ({ contents: `module.exports = require(${JSON.stringify(`node:${a.path}`)});`, loader: 'js' }));
  },
};
const outdir = process.env.SLUICE_BUNDLE_OUT ?? join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src', 'main.ts')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minify: process.env.SLUICE_BUNDLE_MINIFY !== '0',
  keepNames: true, // error and log texts may name classes and functions
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [builtinsByRequire],
  // The CommonJS packages inlined call require() for node's own modules.
  banner: { js: "import { createRequire as __sluiceCreateRequire } from 'node:module'; const require = __sluiceCreateRequire(import.meta.url);" },
});
