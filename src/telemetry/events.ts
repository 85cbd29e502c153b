import type { ContainerInfo } from '../core/record.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { systemClock, type Clock } from '../util/clock.js';

/**
 * sluice's own events, after Vector's internal_events: one function per thing worth knowing, each
 * both logging (a sentence plus structured fields) and counting. Callers never call the logger or a
 * metric directly for these, so a log line and its counter cannot drift apart.
 *
 * Repeated failures (a batch failing every second, a buffer dropping every line, Docker away for an
 * hour) are logged at most once per `windowMs` per key; the next line that gets through says how many
 * were suppressed. Counters always count every occurrence.
 *
 * No secret reaches these functions as text: callers pass names, kinds and details that the sinks and
 * the config loader already built without secrets; `Secret` values would print as `[redacted]`.
 */
export interface EventsOptions {
  logger: Logger;
  metrics: Metrics;
  clock?: Clock;
  /** Minimum time between two log lines of one repeated failure (default 60 s). */
  windowMs?: number;
}

export type DetachReason = 'eof' | 'gone' | 'unreadable' | 'stopped' | 'error' | 'unmatched';

export class Events {
  readonly #log: Logger;
  readonly #m: Metrics;
  readonly #limit: RateLimiter;

  constructor(opts: EventsOptions) {
    this.#log = opts.logger;
    this.#m = opts.metrics;
    this.#limit = new RateLimiter(opts.clock ?? systemClock, opts.windowMs ?? 60_000);
  }

  containerAttached(info: ContainerInfo): void {
    this.#m.containerEvents.inc({ event: 'attached' });
    this.#log.info({ container: info.name, id: info.id.slice(0, 12), image: info.image }, 'Attached to a container; following its logs.');
  }

  containerDetached(info: ContainerInfo, reason: DetachReason): void {
    this.#m.containerEvents.inc({ event: 'detached' });
    this.#log.info({ container: info.name, id: info.id.slice(0, 12), reason }, 'Detached from a container.');
  }

  /** One failed send attempt (the batch may still be retried). Logged at most once per window per route. */
  batchFailed(route: string, kind: string, detail: string, attempt: number): void {
    this.#m.sendErrors.inc({ route, kind });
    const s = this.#limit.take(`batch:${route}`);
    if (s >= 0) this.#log.warn({ route, kind, detail, attempt, ...(s > 0 ? { suppressed: s } : {}) }, 'Sending a batch failed.');
  }

  /** Lines lost by policy: ERROR (data loss), at most once per window per route and reason. */
  lineDropped(route: string, reason: string, lines: number): void {
    this.#m.linesDropped.inc({ route, reason }, lines);
    const s = this.#limit.take(`drop:${route}:${reason}`);
    if (s >= 0) this.#log.error({ route, reason, lines, ...(s > 0 ? { suppressed: s } : {}) }, 'Dropped lines.');
  }

  reloadApplied(hash: string, summary: string): void {
    this.#m.configReloads.inc();
    this.#m.configLastReloadSuccessful.set(1);
    this.#log.info({ hash: hash.slice(0, 12), summary }, 'Applied the new configuration.');
  }

  /** The new file is invalid: the running config stays. The operator must act, hence ERROR. */
  reloadRejected(file: string, errors: readonly string[]): void {
    this.#m.configReloadFailures.inc();
    this.#m.configLastReloadSuccessful.set(0);
    this.#log.error({ file, errors }, 'Rejected the new configuration; the running one stays in effect.');
  }

  dockerConnected(host: string, apiVersion: string | undefined): void {
    this.#m.dockerConnected.set(1);
    this.#limit.reset('docker');
    this.#log.info({ host, api: apiVersion }, 'Connected to the Docker engine');
  }

  /** Logged once per window while the engine stays away (each reconnect attempt fails again). */
  dockerLost(detail: string | undefined): void {
    this.#m.dockerConnected.set(0);
    const s = this.#limit.take('docker');
    if (s >= 0) this.#log.warn({ err: detail, ...(s > 0 ? { suppressed: s } : {}) }, 'Lost the Docker engine; reconnecting with backoff');
  }
}

/**
 * Per-key log limiter. `take(key)` answers -1 when the event must not be logged now, else the number
 * of occurrences suppressed since the last logged one. Keys are few (routes × reasons), so the map
 * stays small.
 */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #windowMs: number;
  readonly #keys = new Map<string, { last: number; suppressed: number }>();

  constructor(clock: Clock, windowMs: number) {
    this.#clock = clock;
    this.#windowMs = windowMs;
  }

  take(key: string): number {
    const now = this.#clock.now();
    const k = this.#keys.get(key);
    if (k === undefined) {
      this.#keys.set(key, { last: now, suppressed: 0 });
      return 0;
    }
    if (now - k.last < this.#windowMs) {
      k.suppressed++;
      return -1;
    }
    const s = k.suppressed;
    k.last = now;
    k.suppressed = 0;
    return s;
  }

  /** The condition cleared (recovered): the next failure is logged at once. */
  reset(key: string): void {
    this.#keys.delete(key);
  }
}
