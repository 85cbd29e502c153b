/**
 * Reloader test helpers: a config in a temp dir, a fake directory watcher driven by hand, a target
 * that records what it was asked to apply, and a logger whose lines the test reads.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigText } from '../../src/config/load.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import type { ApplyResult } from '../../src/runtime/agent.js';
import type { ReloadTarget } from '../../src/runtime/reloader.js';
import type { DirWatch, WatchFactory, WatchHandlers, WatchEvent } from '../../src/runtime/watch.js';
import { createLogger, type Logger } from '../../src/telemetry/logger.js';

/** A small valid config with these routes (console destinations) and extra top-level YAML. */
export function configText(routes: string[], extra = ''): string {
  return `version: 1\nstate_dir: null\napi: null\ndocker: { host: "unix:///tmp/sluice-no-engine.sock" }\n${extra}routes:\n${routes.map((r) => `  - name: ${r}\n    destination: { type: console }\n`).join('')}`;
}

export function tempConfig(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-reload-'));
  const file = join(dir, 'sluice.yaml');
  writeFileSync(file, text);
  return { dir, file };
}

export async function load(text: string, file: string, env: NodeJS.ProcessEnv = {}): Promise<ResolvedConfig> {
  const r = await loadConfigText(text, file, env, { hostname: 'box' });
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  return r.config;
}

/** Records every apply; answers ok (or what `answer` says) and adopts the config when ok. */
export class FakeTarget implements ReloadTarget {
  applied: ResolvedConfig[] = [];
  concurrent = 0;
  maxConcurrent = 0;
  answer: (next: ResolvedConfig) => ApplyResult | Promise<ApplyResult> = () => ({ ok: true, summary: 'fake', globalChanged: [] });
  constructor(public config: ResolvedConfig) {}
  async apply(next: ResolvedConfig): Promise<ApplyResult> {
    this.concurrent++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    try {
      const r = await this.answer(next);
      if (r.ok) {
        this.applied.push(next);
        this.config = next;
      }
      return r;
    } finally {
      this.concurrent--;
    }
  }
}

export interface FakeWatchInstance extends DirWatch {
  readonly dirs: readonly string[];
  readonly handlers: WatchHandlers;
  closed: boolean;
}

/** Stands in for chokidar: the test says which events happen. */
export class FakeWatcher {
  readonly created: FakeWatchInstance[] = [];
  readonly factory: WatchFactory = (dirs, handlers) => {
    const w: FakeWatchInstance = {
      dirs,
      handlers,
      closed: false,
      ready: Promise.resolve(),
      close: async () => {
        w.closed = true;
      },
    };
    this.created.push(w);
    return w;
  };
  get current(): FakeWatchInstance {
    const w = this.created.at(-1);
    assert.ok(w && !w.closed, 'a live watcher');
    return w;
  }
  emit(kind: WatchEvent, path: string): void {
    this.current.handlers.event(kind, path);
  }
}

/** A logger that keeps its JSON lines. */
export function captureLogger(level = 'debug'): { logger: Logger; lines: () => Array<Record<string, any>> } {
  const out: string[] = [];
  const logger = createLogger(level, { write: (s: string) => void out.push(s) });
  return { logger, lines: () => out.map((l) => JSON.parse(l)) };
}
