import { recordBytes, retainAll, settleAll, type LogRecord } from '../core/record.js';
import type { Destination, RouteConfig } from '../config/types.js';
import type { ErrorKind, SendResult, Sink } from '../sinks/sink.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import { backoffDelay } from '../util/backoff.js';
import type { Clock } from '../util/clock.js';
import { Deque } from './deque.js';
import { RouteEvents } from './route-events.js';

/**
 * One configured route's delivery: a bounded buffer, a flusher, one batch in flight, retries.
 *
 *   offer() ──► queue ──(interval | max_lines | max_bytes)──► batch ──► sink.send ──► settle acks
 *                 ▲ evict (drop_oldest)                          └── retryable: backoff, same batch
 *
 * Order is preserved because there is exactly one batch in flight and a failed batch is retried
 * as-is before the next one is taken. Records are retained when taken and settled exactly once:
 * when delivered, or when dropped by policy (buffer_full, rejected, retries_exhausted). Records
 * abandoned at a shutdown deadline are NOT settled: they stay unacknowledged, so the checkpoint
 * keeps them and the next start re-reads them.
 *
 * Callers must stop offering once `retire()`/`drainAndClose()` has resolved. Offers while draining
 * are accepted and delivered; an offer after close is a bug, logged, and its record is retained and
 * never settled (re-read next start rather than lost).
 */
export type OfferResult = 'accepted' | 'pause' | 'dropped';
export type RouteState = 'ok' | 'retrying' | 'failing';

export interface RouteStatus {
  name: string;
  destination: Destination['type'];
  bufferedLines: number;
  bufferedBytes: number;
  /** Lines in the batch being sent (included in bufferedLines/Bytes, which count everything held). */
  inFlight: number;
  state: RouteState;
  lastError?: string;
  consecutiveFailures: number;
  sent: number;
  dropped: number;
}

export interface RouteOptions {
  config: RouteConfig;
  sink: Sink;
  clock: Clock;
  metrics: Metrics;
  logger: Logger;
  random?: () => number;
}

/** A blocked route signals drain once it holds no more than this share of both bounds. */
const LOW_WATER = 0.5;
/** Consecutive failed attempts after which a retrying route is reported as failing. */
const FAILING_AFTER = 3;

export class Route {
  readonly name: string;
  readonly config: RouteConfig;
  readonly #sink: Sink;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #ev: RouteEvents;

  readonly #queue = new Deque<LogRecord>();
  readonly #sizes = new Deque<number>();
  #queuedBytes = 0;
  #batch: LogRecord[] | null = null;
  #batchBytes = 0;
  #attempts = 0;
  #controller: AbortController | null = null;

  #cancelFlush: (() => void) | null = null;
  #cancelBackoff: (() => void) | null = null;
  #cancelDeadline: (() => void) | null = null;
  /** flush.interval elapsed while a batch was in flight: send the next one as soon as it is done. */
  #due = false;
  /** Answered 'pause' and has not signalled drain since. */
  #blocked = false;
  readonly #drainListeners: (() => void)[] = [];

  #phase: 'open' | 'draining' | 'closed' = 'open';
  #abandoned = false;
  #drained: Promise<void> | null = null;
  #resolveDrained: (() => void) | null = null;
  #closed: Promise<void> | null = null;
  #warnedAfterClose = false;

  #state: RouteState = 'ok';
  #lastError: string | undefined;
  #failures = 0;
  #sent = 0;
  #dropped = 0;

  constructor(opts: RouteOptions) {
    this.config = opts.config;
    this.name = opts.config.name;
    this.#sink = opts.sink;
    this.#clock = opts.clock;
    this.#random = opts.random ?? Math.random;
    this.#ev = new RouteEvents(this.name, opts.metrics, opts.logger, opts.clock);
    this.#ev.buffer(0, 0);
  }

  /**
   * Takes a record (synchronous; called per line by the dispatcher). 'pause': taken, but the buffer is
   * at its bound (`block`): pause the record's container until `onDrain`. 'dropped': not taken
   * (`drop_newest`, counted).
   */
  offer(record: LogRecord): OfferResult {
    if (this.#phase === 'closed' || this.#abandoned) return this.#offerAfterClose(record);
    const b = this.config.buffer;
    const bytes = recordBytes(record);
    if (b.whenFull !== 'block') {
      // A record alone larger than max_bytes is still taken into an empty buffer, or it could never go.
      if (b.whenFull === 'drop_oldest') this.#evictFor(bytes);
      const lines = this.#heldLines();
      if (lines > 0 && (lines + 1 > b.maxLines || this.#heldBytes() + bytes > b.maxBytes)) {
        this.#dropped++;
        this.#ev.bufferFull(1, b.whenFull);
        return 'dropped';
      }
    }
    retainAll(record);
    this.#queue.push(record);
    this.#sizes.push(bytes);
    this.#queuedBytes += bytes;
    if (this.#queue.length === 1) this.#armFlush();
    // Gauges cost ~0.1 µs per set: refresh them on the first record, every 256, and at every batch
    // boundary, timer and status() rather than per line.
    if ((this.#queue.length & 255) === 1) this.#refreshGauges();
    const f = this.config.flush;
    if (this.#due || this.#queue.length >= f.maxLines || this.#queuedBytes >= f.maxBytes) this.#pump();
    if (b.whenFull === 'block' && (this.#heldLines() >= b.maxLines || this.#heldBytes() >= b.maxBytes)) {
      if (!this.#blocked) this.#refreshGauges();
      this.#blocked = true;
      return 'pause';
    }
    return 'accepted';
  }

  /** Called when a route that answered 'pause' has drained below its low-water mark (or closed). */
  onDrain(cb: () => void): void {
    this.#drainListeners.push(cb);
  }

  /**
   * Stops taking new work, delivers everything held (retrying as configured; with max_attempts 0
   * that may take as long as the destination is down), then closes the sink. Idempotent.
   */
  retire(): Promise<void> {
    if (this.#closed) return this.#closed;
    this.#phase = 'draining';
    this.#drained = new Promise((resolve) => (this.#resolveDrained = resolve));
    this.#closed = this.#drained.then(() => this.#sink.close());
    this.#due = true;
    this.#pump();
    this.#finishIfIdle();
    return this.#closed;
  }

  /**
   * Shutdown: like `retire`, but at `timeoutMs` (on the route's clock) the send in flight is aborted
   * and whatever is still undelivered is left unacknowledged (not settled, not counted as dropped):
   * the checkpoint keeps it and the next start re-reads it. Idempotent; also bounds a running retire.
   */
  drainAndClose(timeoutMs: number): Promise<void> {
    const closed = this.retire();
    if (this.#phase !== 'closed' && this.#cancelDeadline === null) {
      this.#cancelDeadline = this.#clock.setTimer(timeoutMs, () => this.#abandon());
    }
    return closed;
  }

  status(): RouteStatus {
    this.#refreshGauges();
    const s: RouteStatus = {
      name: this.name,
      destination: this.config.destination.type,
      bufferedLines: this.#heldLines(),
      bufferedBytes: this.#heldBytes(),
      inFlight: this.#batch?.length ?? 0,
      state: this.#state,
      consecutiveFailures: this.#failures,
      sent: this.#sent,
      dropped: this.#dropped,
    };
    if (this.#lastError !== undefined) s.lastError = this.#lastError;
    return s;
  }

  #heldLines(): number {
    return this.#queue.length + (this.#batch?.length ?? 0);
  }

  #heldBytes(): number {
    return this.#queuedBytes + this.#batchBytes;
  }

  #evictFor(bytes: number): void {
    const b = this.config.buffer;
    let evicted = 0;
    while (this.#queue.length > 0 && (this.#heldLines() + 1 > b.maxLines || this.#heldBytes() + bytes > b.maxBytes)) {
      const r = this.#queue.shift()!;
      this.#queuedBytes -= this.#sizes.shift()!;
      settleAll(r);
      evicted++;
    }
    if (evicted > 0) {
      this.#dropped += evicted;
      this.#ev.bufferFull(evicted, 'drop_oldest');
      this.#refreshGauges();
    }
  }

  #offerAfterClose(record: LogRecord): OfferResult {
    // Retained and never settled: the line stays unacknowledged instead of being lost.
    retainAll(record);
    if (!this.#warnedAfterClose) {
      this.#warnedAfterClose = true;
      this.#ev.offeredAfterClose();
    }
    return 'dropped';
  }

  #armFlush(): void {
    if (this.#cancelFlush !== null || this.#due) return;
    this.#cancelFlush = this.#clock.setTimer(this.config.flush.intervalMs, this.#onFlushTimer);
  }

  readonly #onFlushTimer = (): void => {
    this.#cancelFlush = null;
    this.#due = true;
    this.#refreshGauges();
    this.#pump();
  };

  /** Takes the next batch and sends it, when nothing is in flight and a flush condition holds. */
  #pump(): void {
    if (this.#batch !== null || this.#abandoned || this.#queue.length === 0) return;
    const f = this.config.flush;
    if (!this.#due && this.#phase === 'open' && this.#queue.length < f.maxLines && this.#queuedBytes < f.maxBytes) return;
    // Sized once (a batch of thousands grown by push was copied a dozen times), cut to what fits.
    const batch = new Array<LogRecord>(Math.min(this.#queue.length, f.maxLines));
    let n = 0;
    let bytes = 0;
    while (n < batch.length) {
      const size = this.#sizes.peek()!;
      if (n > 0 && bytes + size > f.maxBytes) break;
      batch[n++] = this.#queue.shift()!;
      this.#sizes.shift();
      bytes += size;
    }
    batch.length = n;
    this.#queuedBytes -= bytes;
    this.#batch = batch;
    this.#batchBytes = bytes;
    this.#attempts = 0;
    this.#due = this.#phase !== 'open';
    if (this.#cancelFlush !== null) {
      this.#cancelFlush();
      this.#cancelFlush = null;
    }
    // What is left waited less than an interval since this batch was taken; time it from now.
    if (this.#queue.length > 0) this.#armFlush();
    this.#refreshGauges();
    this.#attempt();
  }

  #attempt(): void {
    const batch = this.#batch!;
    const controller = new AbortController();
    this.#controller = controller;
    const started = performance.now();
    let p: Promise<SendResult>;
    try {
      p = this.#sink.send(batch, controller.signal);
    } catch (err) {
      p = Promise.reject(err);
    }
    p.then(
      (r) => this.#onResult(r, started),
      (err: unknown) => this.#onResult(this.#bug(err), started),
    );
  }

  /**
   * A sink threw (or rejected) instead of answering with a SendResult: a bug, not a network error.
   * Retrying would repeat it forever (default `max_attempts: 0`), so the batch is handled as
   * permanent: counted (`kind="bug"`), its lines dropped with reason `sink_bug`, the stack logged once.
   */
  #bug(err: unknown): SendResult {
    this.#ev.sinkBug(err);
    return { kind: 'permanent', error: 'bug', detail: err instanceof Error ? err.message : String(err) };
  }

  #onResult(r: SendResult, started: number): void {
    this.#controller = null;
    this.#ev.sendSeconds((performance.now() - started) / 1000);
    const batch = this.#batch!;
    if (r.kind === 'ok') {
      const rejected = Math.min(Math.max(0, r.rejected ?? 0), batch.length);
      this.#sent += batch.length - rejected;
      this.#ev.delivered(batch.length - rejected, this.#batchBytes);
      if (rejected > 0) {
        this.#dropped += rejected;
        this.#ev.partlyRejected(rejected, batch.length);
      }
      if (this.#state !== 'ok') this.#ev.recovered(this.#failures);
      this.#state = 'ok';
      this.#failures = 0;
      this.#finishBatch(true);
      return;
    }
    this.#ev.sendError(r.error);
    if (this.#abandoned) return this.#finishBatch(false);
    this.#attempts++;
    this.#failed(r.error, r.detail);
    if (r.kind === 'permanent') {
      this.#dropped += batch.length;
      if (r.error === 'bug') this.#ev.droppedForBug(batch.length, r.detail);
      else this.#ev.rejected(batch.length, r.error, r.detail);
      this.#state = 'failing';
      return this.#finishBatch(true);
    }
    const max = this.config.retry.maxAttempts;
    if (max > 0 && this.#attempts >= max) {
      this.#dropped += batch.length;
      this.#ev.retriesExhausted(batch.length, this.#attempts, r.error, r.detail);
      this.#state = 'failing';
      return this.#finishBatch(true);
    }
    this.#ev.retry();
    const { initialBackoffMs, maxBackoffMs } = this.config.retry;
    const delay = r.afterMs !== undefined && r.afterMs >= 0 ? r.afterMs : backoffDelay(this.#attempts, initialBackoffMs, maxBackoffMs, this.#random);
    this.#cancelBackoff = this.#clock.setTimer(delay, this.#onBackoff);
  }

  readonly #onBackoff = (): void => {
    this.#cancelBackoff = null;
    if (!this.#abandoned && this.#batch !== null) this.#attempt();
  };

  /** Failure bookkeeping: logs on the transitions ok → retrying → failing only. */
  #failed(kind: ErrorKind, detail: string): void {
    this.#failures++;
    this.#lastError = `${kind}: ${detail}`;
    if (this.#state === 'ok') {
      this.#state = 'retrying';
      this.#ev.startedFailing(kind, detail);
    } else if (this.#state === 'retrying' && this.#failures >= FAILING_AFTER) {
      this.#state = 'failing';
      this.#ev.stillFailing(this.#failures, kind, detail);
    }
  }

  #finishBatch(settle: boolean): void {
    const batch = this.#batch!;
    this.#batch = null;
    this.#batchBytes = 0;
    // Settling may advance a checkpoint synchronously; our own state is already consistent.
    if (settle) for (let i = 0; i < batch.length; i++) settleAll(batch[i]!);
    this.#refreshGauges();
    this.#maybeDrain();
    this.#pump();
    this.#finishIfIdle();
  }

  #maybeDrain(): void {
    if (!this.#blocked) return;
    const b = this.config.buffer;
    if (this.#phase === 'open' && (this.#heldLines() > b.maxLines * LOW_WATER || this.#heldBytes() > b.maxBytes * LOW_WATER)) return;
    this.#blocked = false;
    for (const cb of this.#drainListeners) cb();
  }

  #finishIfIdle(): void {
    if (this.#phase !== 'draining' || this.#batch !== null || this.#queue.length > 0) return;
    this.#phase = 'closed';
    this.#ev.close();
    for (const cancel of [this.#cancelFlush, this.#cancelBackoff, this.#cancelDeadline]) cancel?.();
    this.#cancelFlush = this.#cancelBackoff = this.#cancelDeadline = null;
    this.#refreshGauges();
    this.#maybeDrain();
    this.#resolveDrained!();
  }

  /** The shutdown deadline: stop sending, keep the acks of everything undelivered open. */
  #abandon(): void {
    this.#cancelDeadline = null;
    if (this.#phase !== 'draining') return;
    this.#abandoned = true;
    const left = this.#heldLines();
    if (left > 0) this.#ev.abandoned(left);
    this.#queue.clear();
    this.#sizes.clear();
    this.#queuedBytes = 0;
    if (this.#cancelBackoff !== null) {
      this.#cancelBackoff();
      this.#cancelBackoff = null;
    }
    if (this.#controller !== null) this.#controller.abort();
    // Sleeping in backoff: nothing will answer, finish now. Sending: the sink answers promptly.
    else if (this.#batch !== null) this.#finishBatch(false);
    this.#finishIfIdle();
  }

  #refreshGauges(): void {
    this.#ev.buffer(this.#heldLines(), this.#heldBytes());
  }
}

