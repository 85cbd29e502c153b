import type { ConsoleDestination } from '../config/types.js';
import type { LogRecord } from '../core/record.js';
import type { Sink, SendResult } from './sink.js';
import { recordJsonText } from './encode.js';

// C0 controls but tab, and DEL: shown escaped so one record stays one terminal line.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/g;
const escapeControl = (c: string) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** `text`: `name source | line`, control bytes escaped. `json`: one JSON object per line. */
export function formatConsole(r: LogRecord, format: ConsoleDestination['format']): string {
  if (format === 'json') return recordJsonText(r);
  return `${r.container.name} ${r.source} | ${r.line.replace(CONTROL, escapeControl)}`;
}

/**
 * The console destination: one line per record on stdout (or `out`). A batch is one write; the
 * send resolves when the stream has taken it (respecting backpressure), so a slow terminal or pipe
 * slows the route instead of growing memory.
 */
export function createConsoleSink(dest: ConsoleDestination, out: NodeJS.WritableStream = process.stdout): Sink {
  let closed = false;
  return {
    send(batch, signal): Promise<SendResult> {
      if (closed) return Promise.resolve({ kind: 'permanent', error: 'closed', detail: 'console sink is closed' });
      if (signal.aborted) return Promise.resolve({ kind: 'retryable', error: 'aborted', detail: 'aborted' });
      let text = '';
      for (const r of batch) text += formatConsole(r, dest.format) + '\n';
      return new Promise((resolve) => {
        const onAbort = () => resolve({ kind: 'retryable', error: 'aborted', detail: 'aborted' });
        signal.addEventListener('abort', onAbort, { once: true });
        out.write(text, (err) => {
          signal.removeEventListener('abort', onAbort);
          resolve(err ? { kind: 'retryable', error: 'network', detail: err.message } : { kind: 'ok' });
        });
      });
    },
    async close() {
      closed = true;
    },
  };
}
