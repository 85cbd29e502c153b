// Bundles the CLI (src/main.ts) into dist/bundle/, what the image runs: one ESM file per command
// (the commands are loaded by dynamic import, so `run` never parses `migrate` or `explain`) and
// chunks they share, sluice's own modules and the pure-JS packages they import statically inlined.
// What sluice loads through createRequire stays CommonJS: undici and ajv's compiler on demand from
// node_modules, dockerode and prom-client from their own bundles below (src/util/lazy-require.ts).
// Minified (identifiers too, names kept). Idle RSS (bench/bundle-matrix.ts): 11.5 MB less than
// dist/src, of it ~1 MB from minifying and ~5 MB from bundling dockerode and prom-client.
// SLUICE_BUNDLE_MINIFY=0: not minified; SLUICE_BUNDLE_VENDOR=0: those two from node_modules;
// SLUICE_BUNDLE_OUT: elsewhere.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const requireFromRoot = createRequire(join(root, 'package.json'));
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

// dockerode and prom-client, each bundled into one CommonJS file (dist/bundle/vendor/<name>.cjs, which
// requireDeferring loads in place of the package): ~5 MB less RSS than their ~90 modules. What
// requireDeferring defers is left a run-time require of the installed package, so the same
// deferrals apply (their parent patterns name these files too); a relative request becomes the
// package path it stands for.
const deferredRequests = {
  dockerode: { ssh2: 'ssh2', './session': 'dockerode/lib/session.js' },
  'prom-client': { '@opentelemetry/api': '@opentelemetry/api' },
};
for (const [pkg, deferred] of process.env.SLUICE_BUNDLE_VENDOR === '0' ? [] : Object.entries(deferredRequests)) {
  await build({
    entryPoints: [requireFromRoot.resolve(pkg)],
    outfile: join(outdir, 'vendor', `${pkg}.cjs`),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    minify: process.env.SLUICE_BUNDLE_MINIFY !== '0',
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [
      {
        name: 'deferred',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (a) => (Object.hasOwn(deferred, a.path) ? { path: deferred[a.path], external: true } : undefined));
        },
      },
    ],
  });
}
