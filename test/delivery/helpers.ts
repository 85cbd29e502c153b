/**
 * Test doubles for the delivery machinery: a scriptable Sink, a RouteConfig builder, records whose
 * acks go to a counting AckSink, and a metric reader over metrics.registry.
 */
import type { AckSink, LogRecord, Stream } from '../../src/core/record.js';
import type { RouteConfig } from '../../src/config/types.js';
import type { SendResult, Sink } from '../../src/sinks/sink.js';
import type { Metrics } from '../../src/telemetry/metrics.js';
import { pino, type Logger } from 'pino';

type Step = SendResult | 'hang' | 'manual';
type Script = Step | ((batch: readonly LogRecord[]) => Step);

/**
 * A Sink whose answers are scripted one per send (then `fallback`). 'hang' never answers until the
 * signal aborts (then `retryable/aborted`, as the Sink contract requires). Every attempt is recorded.
 */
export class FakeSink implements Sink {
  readonly attempts: { lines: string[]; at: number }[] = [];
  /** Lines of batches answered ok, in delivery order (rejected ones too: the sink did receive them). */
  readonly delivered: string[] = [];
  closed = 0;
  #script: Script[];
  #fallback: SendResult;
  #now: () => number;
  /** Sends not answered yet ('hang'). */
  pending = 0;
  /** Answers for 'manual' sends, in order: call one to answer that send. */
  readonly manual: ((r: SendResult) => void)[] = [];

  constructor(script: Script[] = [], opts: { fallback?: SendResult; now?: () => number } = {}) {
    this.#script = [...script];
    this.#fallback = opts.fallback ?? { kind: 'ok' };
    this.#now = opts.now ?? (() => 0);
  }

  push(...s: Script[]): void {
    this.#script.push(...s);
  }

  send(batch: readonly LogRecord[], signal: AbortSignal): Promise<SendResult> {
    const lines = batch.map((r) => r.line);
    this.attempts.push({ lines, at: this.#now() });
    let step = this.#script.length > 0 ? this.#script.shift()! : this.#fallback;
    if (typeof step === 'function') step = step(batch);
    if (step === 'hang') {
      this.pending++;
      return new Promise((resolve) => {
        signal.addEventListener('abort', () => {
          this.pending--;
          resolve({ kind: 'retryable', error: 'aborted', detail: 'aborted' });
        });
      });
    }
    if (step === 'manual') {
      return new Promise((resolve) => {
        this.manual.push((r) => {
          if (r.kind === 'ok') this.delivered.push(...lines);
          resolve(r);
        });
        signal.addEventListener('abort', () => resolve({ kind: 'retryable', error: 'aborted', detail: 'aborted' }));
      });
    }
    if (step.kind === 'ok') this.delivered.push(...lines);
    return Promise.resolve(step);
  }

  close(): Promise<void> {
    this.closed++;
    return Promise.resolve();
  }
}

/** Counts holds per (stream, seq) like an AckTracker would, so tests see every retain/settle. */
export class CountingAcks implements AckSink {
  readonly holds = new Map<string, number>();
  readonly settledOnce: string[] = [];
  errors = 0;
  retain(stream: Stream, seq: number): void {
    const k = `${stream}:${seq}`;
    this.holds.set(k, (this.holds.get(k) ?? 0) + 1);
  }
  settle(stream: Stream, seq: number): void {
    const k = `${stream}:${seq}`;
    const n = this.holds.get(k) ?? 0;
    if (n <= 0) this.errors++;
    this.holds.set(k, n - 1);
    this.settledOnce.push(k);
  }
  /** Holds still open (retained and not settled). */
  open(): number {
    let n = 0;
    for (const v of this.holds.values()) n += v;
    return n;
  }
}

let nextSeq = 0;

export function rec(line: string, acks: AckSink, source: Stream = 'stdout'): LogRecord {
  return {
    time: '2024-05-06T07:08:09.123456789Z',
    line,
    source,
    container: { id: 'c'.repeat(64), name: 'web-1', image: 'img', labels: {}, hostname: 'h', tty: false, logDriver: 'json-file', logspoutIgnore: false },
    host: 'node-a',
    tags: [],
    truncated: false,
    acks: [{ tracker: acks, stream: source, seq: nextSeq++ }],
  };
}

export function lines(prefix: string, n: number, acks: AckSink): LogRecord[] {
  return Array.from({ length: n }, (_, i) => rec(`${prefix}${i}`, acks));
}

export interface RouteConfigPatch {
  name?: string;
  buffer?: Partial<RouteConfig['buffer']>;
  flush?: Partial<RouteConfig['flush']>;
  retry?: Partial<RouteConfig['retry']>;
}

export function routeConfig(p: RouteConfigPatch = {}): RouteConfig {
  return {
    name: p.name ?? 'r1',
    filter: { include: [], exclude: [] },
    tags: [],
    destination: { type: 'console', format: 'text' },
    buffer: { maxLines: 10_000, maxBytes: 8 << 20, whenFull: 'block', ...p.buffer },
    flush: { intervalMs: 1000, maxLines: 1000, maxBytes: 1 << 20, ...p.flush },
    retry: { maxAttempts: 0, initialBackoffMs: 500, maxBackoffMs: 30_000, ...p.retry },
    fingerprint: 'test',
  };
}

/** The value of one metric series, read through the Prometheus registry (0 when absent). */
export async function metricValue(metrics: Metrics, name: string, labels: Record<string, string>, series = name): Promise<number> {
  const json = await metrics.registry.getMetricsAsJSON();
  const m = json.find((x) => x.name === name);
  if (!m) throw new Error(`no metric ${name}`);
  const values = (m as unknown as { values: { value: number; labels: Record<string, string | number>; metricName?: string }[] }).values;
  const hit = values.find((v) => (v.metricName ?? name) === series && Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  return hit?.value ?? 0;
}

/** A pino logger whose JSON lines land in `lines` (parsed). */
export function captureLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const out: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void out.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines: out };
}

/** Lets resolved sink promises and their continuations run. */
export async function settleMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}
