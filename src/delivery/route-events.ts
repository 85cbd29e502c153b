import type { Counter, Gauge, Histogram } from 'prom-client';
import type { ErrorKind } from '../sinks/sink.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { Clock } from '../util/clock.js';

/** At most one "buffer full" log line per route per window; every dropped line is still counted. */
export const BUFFER_FULL_LOG_WINDOW_MS = 60_000;

export type DropReason = 'buffer_full' | 'rejected' | 'retries_exhausted' | 'sink_bug';

/**
 * A route's telemetry as named events: each function counts and, where an operator should know,
 * logs. The metric children are bound once per route, so the per-batch cost is a property update.
 * ERROR is for lost lines only; a destination that fails and recovers is WARN then INFO, once per
 * state change, never per attempt.
 */
export class RouteEvents {
  readonly #log: Logger;
  readonly #route: string;
  readonly #metrics: Metrics;
  readonly #sentLines: Counter.Internal;
  readonly #sentBytes: Counter.Internal;
  readonly #retries: Counter.Internal;
  readonly #bufLines: Gauge.Internal<string>;
  readonly #bufBytes: Gauge.Internal<string>;
  readonly #sendSeconds: Histogram.Internal<string>;
  readonly #dropped = new Map<DropReason, Counter.Internal>();
  readonly #errors = new Map<ErrorKind, Counter.Internal>();
  readonly #clock: Clock;
  #fullLoggedAt = -Infinity;
  #fullUnlogged = 0;
  #fullPolicy: 'drop_newest' | 'drop_oldest' = 'drop_newest';
  #cancelFullTimer: (() => void) | null = null;
  #bugLogged = false;

  constructor(route: string, metrics: Metrics, logger: Logger, clock: Clock) {
    this.#route = route;
    this.#clock = clock;
    this.#metrics = metrics;
    this.#log = logger.child({ route });
    this.#sentLines = metrics.linesSent.labels(route);
    this.#sentBytes = metrics.bytesSent.labels(route);
    this.#retries = metrics.retries.labels(route);
    this.#bufLines = metrics.bufferLines.labels(route);
    this.#bufBytes = metrics.bufferBytes.labels(route);
    this.#sendSeconds = metrics.batchSendSeconds.labels(route);
  }

  delivered(lines: number, bytes: number): void {
    if (lines > 0) this.#sentLines.inc(lines);
    if (bytes > 0) this.#sentBytes.inc(bytes);
  }

  dropped(reason: DropReason, lines: number): void {
    let c = this.#dropped.get(reason);
    if (c === undefined) {
      c = this.#metrics.linesDropped.labels(this.#route, reason);
      this.#dropped.set(reason, c);
    }
    c.inc(lines);
  }

  /**
   * Lines lost because the buffer was full (`drop_newest` refused them, `drop_oldest` evicted them).
   * Lost data is an ERROR, but a flood must not flood the log: at most one line per window. Drops
   * inside a window are summed and logged when it ends (a timer), so every dropped line is in a log
   * line, not only in the counter.
   */
  bufferFull(lines: number, policy: 'drop_newest' | 'drop_oldest'): void {
    this.dropped('buffer_full', lines);
    this.#fullUnlogged += lines;
    this.#fullPolicy = policy;
    const now = this.#clock.now();
    const since = now - this.#fullLoggedAt;
    // since < 0: the wall clock stepped back; do not stay silent for that long.
    if (since >= 0 && since < BUFFER_FULL_LOG_WINDOW_MS) {
      this.#cancelFullTimer ??= this.#clock.setTimer(BUFFER_FULL_LOG_WINDOW_MS - since, () => {
        this.#cancelFullTimer = null;
        this.#logBufferFull();
      });
      return;
    }
    this.#logBufferFull();
  }

  /** The route is closing: log what the window still holds, and leave no timer behind. */
  close(): void {
    this.#cancelFullTimer?.();
    this.#cancelFullTimer = null;
    this.#logBufferFull();
  }

  #logBufferFull(): void {
    if (this.#fullUnlogged === 0) return;
    this.#fullLoggedAt = this.#clock.now();
    this.#log.error(
      { lines: this.#fullUnlogged, policy: this.#fullPolicy, windowSeconds: BUFFER_FULL_LOG_WINDOW_MS / 1000 },
      'The route buffer is full: lines were dropped (sluice_lines_dropped_total{reason="buffer_full"}; logged at most once per window).',
    );
    this.#fullUnlogged = 0;
  }

  sendError(kind: ErrorKind): void {
    let c = this.#errors.get(kind);
    if (c === undefined) {
      c = this.#metrics.sendErrors.labels(this.#route, kind);
      this.#errors.set(kind, c);
    }
    c.inc();
  }

  retry(): void {
    this.#retries.inc();
  }

  sendSeconds(s: number): void {
    this.#sendSeconds.observe(s);
  }

  buffer(lines: number, bytes: number): void {
    this.#bufLines.set(lines);
    this.#bufBytes.set(bytes);
  }

  startedFailing(kind: ErrorKind, detail: string): void {
    this.#log.warn({ kind, detail }, 'Sending to the destination failed; the batch will be retried.');
  }

  stillFailing(attempts: number, kind: ErrorKind, detail: string): void {
    this.#log.warn({ attempts, kind, detail }, 'The destination is still failing; retrying with backoff.');
  }

  recovered(failures: number): void {
    this.#log.info({ failures }, 'The destination recovered; delivery resumed.');
  }

  retriesExhausted(lines: number, attempts: number, kind: ErrorKind, detail: string): void {
    this.dropped('retries_exhausted', lines);
    this.#log.error({ lines, attempts, kind, detail }, 'Dropped a batch after its last retry.');
  }

  rejected(lines: number, kind: ErrorKind, detail: string): void {
    this.dropped('rejected', lines);
    this.#log.error({ lines, kind, detail }, 'The destination rejected a batch; it was dropped and will not be retried.');
  }

  partlyRejected(lines: number, of: number): void {
    this.dropped('rejected', lines);
    this.#log.error({ lines, batch: of }, 'The destination rejected some lines of a batch; they were dropped.');
  }

  /** The sink threw: its stack is logged the first time on this route (the drop is logged each time). */
  sinkBug(err: unknown): void {
    if (this.#bugLogged) return;
    this.#bugLogged = true;
    const e = err instanceof Error ? err : new Error(String(err));
    this.#log.error({ err: { message: e.message, stack: e.stack } }, 'The destination\'s code threw an exception (a bug in sluice): its batches are dropped, not retried. Please report it with this stack.');
  }

  droppedForBug(lines: number, detail: string): void {
    this.dropped('sink_bug', lines);
    this.#log.error({ lines, kind: 'bug', detail }, 'Dropped a batch the destination\'s code failed on (a bug); it will not be retried.');
  }

  offeredAfterClose(): void {
    this.#log.error('A record was offered to a closed route (a bug): it stays unacknowledged and is re-read at the next start.');
  }

  abandoned(lines: number): void {
    this.#log.warn({ lines }, 'Shutdown deadline reached: undelivered lines stay unacknowledged and are re-read at the next start.');
  }
}
