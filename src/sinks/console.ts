import type { ConsoleDestination } from '../config/types.js';
import type { LogRecord } from '../core/record.js';
import type { Sink, SendResult } from './sink.js';
import { recordJsonText } from './encode.js';
import { escapeControls, shouldEscape } from '../util/control.js';

/** The text format's line: `name source | line`, control characters escaped when `escape` (src/util/control.ts). */
export function formatText(name: string, source: string, line: string, escape: boolean): string {
  return escape ? `${escapeControls(name)} ${source} | ${escapeControls(line)}` : `${name} ${source} | ${line}`;
}

/** `text`: `name source | line`, control characters escaped unless `escape` is false. `json`: one JSON object per line. */
export function formatConsole(r: LogRecord, format: ConsoleDestination['format'], escape = true): string {
  if (format === 'json') return recordJsonText(r);
  return formatText(r.container.name, r.source, r.line, escape);
}

/**
 * The console destination: one line per record on stdout (or `out`). A batch is one write; the
 * send resolves when the stream has taken it (respecting backpressure), so a slow terminal or pipe
 * slows the route instead of growing memory.
 */
export function createConsoleSink(dest: ConsoleDestination, out: NodeJS.WritableStream = process.stdout): Sink {
  let closed = false;
  const escape = shouldEscape(dest.escape ?? 'always', out as { isTTY?: boolean });
  return {
    send(batch, signal): Promise<SendResult> {
      if (closed) return Promise.resolve({ kind: 'permanent', error: 'closed', detail: 'console sink is closed' });
      if (signal.aborted) return Promise.resolve({ kind: 'retryable', error: 'aborted', detail: 'aborted' });
      let text = '';
      for (const r of batch) text += formatConsole(r, dest.format, escape) + '\n';
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
