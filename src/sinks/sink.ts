import type { LogRecord } from '../core/record.js';

/**
 * The outcome of one send, as a value (never an exception):
 * - `ok`: the destination accepted the batch. `rejected` counts records the destination refused
 *   individually (Mezmo's 207); they are dropped and counted, never retried.
 * - `retryable`: nothing was accepted and trying again may work (network error, timeout, 429, 5xx).
 *   `afterMs` carries a server's Retry-After.
 * - `permanent`: trying again cannot work (4xx other than 429, a send after close). The batch is
 *   dropped, counted and logged with `detail` (e.g. the response body, already free of secrets).
 *
 * A `send` that throws or rejects instead is a bug in the sink: the route turns it into
 * `permanent` / `bug` (counted, logged with its stack once per route), never into a retry.
 */
export type SendResult =
  | { readonly kind: 'ok'; readonly rejected?: number; readonly bytes?: number }
  | { readonly kind: 'retryable'; readonly error: ErrorKind; readonly detail: string; readonly afterMs?: number }
  | { readonly kind: 'permanent'; readonly error: ErrorKind; readonly detail: string };

/** The `kind` label of `sluice_send_errors_total`. */
export type ErrorKind = 'network' | 'timeout' | 'http_4xx' | 'http_429' | 'http_5xx' | 'closed' | 'encode' | 'aborted' | 'bug';

/**
 * A destination. A sink only encodes and sends: it never buffers across calls and never retries
 * (the route does both). Calls to `send` never overlap on one sink (one batch in flight per route).
 * `close` is idempotent and safe before any send; a `send` after `close` resolves `permanent`.
 * An aborted `signal` makes `send` resolve promptly (as `retryable`/`aborted`), never hang.
 */
export interface Sink {
  send(batch: readonly LogRecord[], signal: AbortSignal): Promise<SendResult>;
  close(): Promise<void>;
}

export const OK: SendResult = Object.freeze({ kind: 'ok' });
