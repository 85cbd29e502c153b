/**
 * The node flags the image runs sluice with, read from the Dockerfile's ENTRYPOINT
 * (["node", ...flags, "/app/bin/sluice.js"]): the bench and the footprint test start sluice with
 * exactly these, so what they measure is what the image runs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function imageNodeFlags(repo = join(import.meta.dirname, '..')): string[] {
  const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');
  const line = dockerfile.split('\n').find((l) => /^ENTRYPOINT\s+\[/.test(l));
  if (!line) throw new Error('Dockerfile: no ENTRYPOINT ["node", ...] line');
  const argv = JSON.parse(line.replace(/^ENTRYPOINT\s+/, '')) as string[];
  const script = argv.findIndex((a) => a.endsWith('/bin/sluice.js'));
  if (argv[0] !== 'node' || script < 1) throw new Error(`Dockerfile: ENTRYPOINT is not ["node", ...flags, ".../bin/sluice.js"]: ${line}`);
  return argv.slice(1, script);
}

/** BENCH_NODE_FLAGS when set, else the flags the image runs. */
export function benchNodeFlags(env: NodeJS.ProcessEnv): string[] {
  const flags = env.BENCH_NODE_FLAGS;
  return flags === undefined ? imageNodeFlags() : flags.split(' ').filter(Boolean);
}

/** The C library's tuning the image's `ENV` line sets (`MALLOC_*`: glibc's allocator), as a map. */
export function imageMallocEnv(repo = join(import.meta.dirname, '..')): Record<string, string> {
  const dockerfile = readFileSync(join(repo, 'Dockerfile'), 'utf8');
  const out: Record<string, string> = {};
  for (const line of dockerfile.split('\n').filter((l) => /^ENV\s/.test(l))) {
    for (const m of line.matchAll(/\b(MALLOC_[A-Z_]+)=(\S+)/g)) out[m[1]!] = m[2]!;
  }
  return out;
}

/**
 * The environment under which bin/sluice.js runs what the image runs: the bundle (dist/bundle, built
 * by scripts/bundle.mjs as the Dockerfile does), not the compiled modules of dist/src, and the
 * image's allocator settings.
 */
export const IMAGE_ENTRY_ENV: Readonly<Record<string, string>> = { SLUICE_USE_DIST: 'bundle', ...imageMallocEnv() };

/** Builds dist/bundle from the sources (about a second), as the Dockerfile does. */
export function buildImageBundle(repo = join(import.meta.dirname, '..')): void {
  execFileSync(process.execPath, [join(repo, 'scripts', 'bundle.mjs')], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
}
