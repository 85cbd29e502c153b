import type { ContainerInfo } from '../core/record.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/**
 * The agent's container events, after Vector's internal_events: one function per thing worth knowing,
 * each both logging (a sentence plus structured fields) and counting, so a log line and its counter
 * cannot drift apart. A route's events are in delivery/route-events.ts; reloads in runtime/reloader.ts.
 *
 * No secret reaches these functions as text: callers pass names, kinds and details that the sinks and
 * the config loader already built without secrets; `Secret` values would print as `[redacted]`.
 */
export interface EventsOptions {
  logger: Logger;
  metrics: Metrics;
}

export type DetachReason = 'eof' | 'gone' | 'unreadable' | 'stopped' | 'error' | 'unmatched';

export class Events {
  readonly #log: Logger;
  readonly #m: Metrics;

  constructor(opts: EventsOptions) {
    this.#log = opts.logger;
    this.#m = opts.metrics;
  }

  containerAttached(info: ContainerInfo): void {
    this.#m.containerEvents.inc({ event: 'attached' });
    this.#log.info({ container: info.name, id: info.id.slice(0, 12), image: info.image }, 'Attached to a container; following its logs.');
  }

  containerDetached(info: ContainerInfo, reason: DetachReason): void {
    this.#m.containerEvents.inc({ event: 'detached' });
    this.#log.info({ container: info.name, id: info.id.slice(0, 12), reason }, 'Detached from a container.');
  }
}
