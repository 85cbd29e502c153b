/**
 * The sluice image, built from this repository with the unchanged Dockerfile on the private engine,
 * through the stand-in base image (scripts/node-base-image.sh: no registry is reachable here).
 * Several test files need it; scripts/test-image.sh holds a file lock, so concurrent builds (and the
 * one scripts/test.sh starts in the background) wait for one another, and the second finds every
 * layer cached.
 */
import { execFile } from 'node:child_process';
import { chmodSync, linkSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_HOST } from './docker.js';
import { REPO } from './sluice-process.js';

export const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
/** The versioned name Compose, Swarm and the README use. */
export const TAG = `sluice:${VERSION}`;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; never rejects (the exit code is in the result). */
export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { cwd: opts.cwd ?? REPO, env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0, stdout, stderr }),
    );
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/** The docker CLI against an engine (default: the shared private one). */
export function docker(args: string[], opts: { host?: string; timeoutMs?: number; cwd?: string; input?: string } = {}): Promise<Run> {
  return run('docker', ['-H', opts.host ?? DOCKER_HOST, ...args], opts);
}

/** Like `docker`, but throws with the output when the command fails. */
export async function dockerOk(args: string[], opts: { host?: string; timeoutMs?: number; cwd?: string; input?: string } = {}): Promise<string> {
  const r = await docker(args, opts);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${r.code}:\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-3000)}`);
  return r.stdout;
}

/**
 * Builds TAG on the engine at `host` (the stand-in base first, if missing). `docker build
 * --network host` so the build stage's `npm ci` reaches the registry the way this machine does.
 */
export async function buildImage(host = DOCKER_HOST): Promise<{ tag: string; log: string; ms: number }> {
  const started = Date.now();
  const r = await run('bash', ['scripts/test-image.sh'], { env: { DOCKER_HOST: host }, timeoutMs: 15 * 60_000 });
  if (r.code !== 0) throw new Error(`the image did not build (exit ${r.code}):\n${r.stderr.slice(-4000)}\n${r.stdout.slice(-4000)}`);
  return { tag: TAG, log: r.stdout, ms: Date.now() - started };
}

/**
 * A directory holding the engine's socket (a hard link to it), to mount where users mount /var/run.
 * The test engines' own socket directory also holds their data root, which contains every
 * container's root filesystem: bind-mounting it into a container mounts a tree into itself.
 */
export function socketDir(socketPath: string): string {
  const dir = mkdtempSync('/tmp/sluice-sockdir-');
  chmodSync(dir, 0o755);
  linkSync(socketPath, join(dir, 'docker.sock'));
  return dir;
}

/**
 * Reports how long each phase of a slow test took (t.diagnostic): these tests take minutes in the
 * full suite and under a minute alone, and the output should say where the time went.
 */
export function phases(t: { diagnostic(message: string): void }): (name: string) => void {
  let last = Date.now();
  return (name) => {
    const now = Date.now();
    t.diagnostic(`${name}: ${now - last} ms`);
    last = now;
  };
}
