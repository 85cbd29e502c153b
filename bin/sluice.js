#!/usr/bin/env node
// Runs the compiled CLI in the image (dist/ without src/), else the TypeScript sources through tsx
// (a checkout), so a stale dist/ never shadows the sources. SLUICE_USE_DIST=1 forces dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'src', 'main.js');
const sources = join(root, 'src', 'main.ts');
if (existsSync(compiled) && (process.env.SLUICE_USE_DIST === '1' || !existsSync(sources))) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(sources).href);
}
