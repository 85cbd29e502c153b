#!/usr/bin/env node
// Runs the bundle in the image (dist/bundle without src/: scripts/bundle.mjs), else the TypeScript
// sources through tsx (a checkout), so a stale build never shadows the sources.
// SLUICE_USE_DIST=1 forces the compiled modules (dist/src, `tsc`), SLUICE_USE_DIST=bundle the bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'bundle', 'main.js');
const compiled = join(root, 'dist', 'src', 'main.js');
const sources = join(root, 'src', 'main.ts');
const use = process.env.SLUICE_USE_DIST;
const built = use === 'bundle' ? bundle : use === '1' ? compiled : existsSync(sources) ? null : existsSync(bundle) ? bundle : compiled;
if (built !== null && existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(sources).href);
}
