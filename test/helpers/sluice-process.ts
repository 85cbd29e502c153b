/**
 * Runs the real agent as a child process (`node bin/sluice.js run --config FILE`), the way a user
 * does, and collects what it prints: stdout (console route) and stderr (its own JSON logs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');

export class SluiceProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null = null;

  /** `configFile`: runs `sluice run --config FILE`; a list: runs `sluice <args…>` as given. */
  constructor(configFile: string | readonly string[], env: NodeJS.ProcessEnv = {}) {
    const args = typeof configFile === 'string' ? ['run', '--config', configFile] : configFile;
    this.child = spawn(process.execPath, [join(REPO, 'bin', 'sluice.js'), ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    // 'close', not 'exit': stdout and stderr are drained by then, so what the agent printed last is read.
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code, signal) => {
        this.signal = signal;
        resolve(code);
      }),
    );
  }

  /** Parsed JSON lines of stdout (console route with format: json). Incomplete last line ignored. */
  records(): Array<Record<string, any>> {
    const out: Array<Record<string, any>> = [];
    const lines = this.stdout.split('\n');
    lines.pop();
    for (const l of lines) if (l.trim()) out.push(JSON.parse(l));
    return out;
  }

  /** Own log events (stderr JSON lines). */
  logs(): Array<Record<string, any>> {
    return this.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Writes a config file into a fresh temp dir; returns its path. */
export function writeConfig(yaml: string, dir = mkdtempSync(join(tmpdir(), 'sluice-cfg-'))): string {
  const file = join(dir, 'sluice.yaml');
  writeFileSync(file, yaml);
  return file;
}

/**
 * The usual end-to-end agent's config: `sluice run` on `host` with one console route (JSON) taking
 * the containers labelled `sluice.test=<runId>`, no state and no API. `containers`: the inside of a
 * `containers: { … }` map (e.g. `backfill: all`); it and the route's `flushMs` are left to their
 * defaults unless given.
 */
export function labelledAgentConfig(runId: string, host: string, opts: { containers?: string | undefined; flushMs?: number | undefined } = {}): string {
  return `
version: 1
docker: { host: "${host}" }
state_dir: null
api: null
${opts.containers ? `containers: { ${opts.containers} }\n` : ''}routes:
  - name: out
    match: { labels: { sluice.test: "${runId}" } }
    destination: { type: console, format: json }
${opts.flushMs !== undefined ? `    flush: { interval: ${opts.flushMs}ms }\n` : ''}`;
}

/** The usual end-to-end agent (labelledAgentConfig); resolves once it has connected. */
export async function startLabelledAgent(runId: string, host: string, opts: { backfill?: 'all' | 'none'; flushMs?: number } = {}): Promise<SluiceProcess> {
  const cfg = writeConfig(labelledAgentConfig(runId, host, { containers: opts.backfill && `backfill: ${opts.backfill}`, flushMs: opts.flushMs }));
  const sluice = new SluiceProcess(cfg);
  const end = Date.now() + 20_000;
  while (!sluice.stderr.includes('Connected to the Docker engine')) {
    if (Date.now() > end || sluice.child.exitCode !== null) throw new Error(`sluice did not connect:\n${sluice.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return sluice;
}
