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
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
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
  // The CommonJS packages inlined call require() for node's own modules.
  banner: { js: "import { createRequire as __sluiceCreateRequire } from 'node:module'; const require = __sluiceCreateRequire(import.meta.url);" },
});
