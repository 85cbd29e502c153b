import { execFileSync } from 'node:child_process';
import { REPO } from './sluice-process.js';

/**
 * Runs an ES module script in a fresh node process (TypeScript imports through tsx, from the
 * repository's root) and returns its stdout: for what only a process that has loaded nothing else
 * can show (which modules a code path loads, what a GC does).
 */
export function runFreshScript(script: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
}
