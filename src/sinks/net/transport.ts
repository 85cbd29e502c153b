import type { SendResult } from '../sink.js';

/**
 * A byte transport under the syslog and raw sinks. It connects lazily on the first send, reports
 * every failure as a SendResult value (never throws), and reconnects on the next send after a
 * broken connection. `close` is idempotent; a send after close is `permanent`/`closed`.
 *
 * Stream transports (tcp, tls) write the chunks in order on one connection; the datagram transport
 * (udp) sends each chunk as one datagram.
 */
export interface Transport {
  readonly datagram: boolean;
  send(chunks: readonly Buffer[], signal: AbortSignal): Promise<SendResult>;
  close(): Promise<void>;
}

export const CLOSED: SendResult = Object.freeze({ kind: 'permanent', error: 'closed', detail: 'sink is closed' });
export const ABORTED: SendResult = Object.freeze({ kind: 'retryable', error: 'aborted', detail: 'send aborted' });

export function networkError(err: unknown, what: string): SendResult {
  const e = err as NodeJS.ErrnoException | undefined;
  const why = e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? err);
  return { kind: 'retryable', error: 'network', detail: `${what}: ${why}` };
}

/**
 * Runs one operation with a deadline and an abort signal: the promise settles with the first of
 * `done(result)`, the timeout, or the abort. On timeout/abort `cancel` runs (it tears down the
 * connection, whose state is unknown after a half-done write). Listeners and timers are cleaned up
 * whichever way it ends, so nothing outlives the call.
 */
export function guarded(
  signal: AbortSignal,
  timeoutMs: number,
  what: string,
  cancel: () => void,
  start: (done: (r: SendResult) => void) => void,
): Promise<SendResult> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: SendResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = (): void => {
      finish(ABORTED);
      cancel();
    };
    const timer = setTimeout(() => {
      finish({ kind: 'retryable', error: 'timeout', detail: `${what} timed out after ${timeoutMs} ms` });
      cancel();
    }, timeoutMs);
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
    start(finish);
  });
}
