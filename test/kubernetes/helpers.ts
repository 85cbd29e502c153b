/**
 * A KubernetesSource under test with a small context of its own: records what it emits and each
 * lifecycle call, and settles every record's acks (at once, or when the test says).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerInfo, LogRecord } from '../../src/core/record.js';
import { settleAll, retainAll } from '../../src/core/record.js';
import type { Backfill } from '../../src/config/types.js';
import { KubernetesSource, type KubernetesSourceOptions, type Lifecycle } from '../../src/kubernetes/source.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { createMetrics, type Metrics } from '../../src/telemetry/metrics.js';
import { systemClock } from '../../src/util/clock.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export class Recorder {
  records: LogRecord[] = [];
  ended: ContainerInfo[] = [];
  removed: string[] = [];
  renamed: ContainerInfo[] = [];
  backfill: Backfill = { kind: 'all' };
  held: LogRecord[] = [];
  logs: Record<string, unknown>[] = [];
  /** false: acks are held until `ackAll()`. */
  autoAck = true;
  select: (info: ContainerInfo) => boolean = () => true;
  readonly metrics: Metrics = createMetrics();

  context() {
    const logger = createLogger('debug', { write: (s: string) => void this.logs.push(JSON.parse(s) as Record<string, unknown>) });
    return {
      select: (info: ContainerInfo) => this.select(info),
      emit: (rec: LogRecord) => {
        // As a route does: retain while holding it, settle once delivered.
        retainAll(rec);
        this.records.push(rec);
        if (this.autoAck) settleAll(rec);
        else this.held.push(rec);
      },
      backfill: () => this.backfill,
      lifecycle: (id: string, what: Lifecycle, info: ContainerInfo) => {
        if (what === 'ended') this.ended.push(info);
        else if (what === 'removed') this.removed.push(id);
        else this.renamed.push(info);
      },
      logger,
      metrics: this.metrics,
      clock: systemClock,
    };
  }

  ackAll(): void {
    for (const r of this.held.splice(0)) settleAll(r);
  }

  lines(filter?: (r: LogRecord) => boolean): string[] {
    return this.records.filter((r) => !filter || filter(r)).map((r) => r.line);
  }
}

export function source(rec: Recorder, opts: Partial<KubernetesSourceOptions> & { logDir: string }): KubernetesSource {
  return new KubernetesSource({ stateDir: null, maxLineBytes: 256 * 1024, pods: null, pollMs: 50, ...opts }, rec.context());
}

export async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
