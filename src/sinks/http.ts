import { promisify } from 'node:util';
import type { LogRecord } from '../core/record.js';
import type { HttpDestination } from '../config/types.js';
import type { SendResult, Sink } from './sink.js';
import { writeRecordJson } from './encode.js';
import { HttpClient } from './http-client.js';
import { CLOSED } from './net/transport.js';
import { escapeLine } from './text.js';
import { BodyWriter, ReusedWriter, batchSizeHint } from './body.js';

let gzipAsync: ((body: Buffer) => Promise<Buffer>) | undefined;
/** node:zlib, loaded by the first gzip'd batch: only `compression: gzip` routes use it (~1.9 MB of RSS in a bare Node 24). */
function gzip(body: Buffer): Promise<Buffer> {
  gzipAsync ??= promisify(process.getBuiltinModule('node:zlib').gzip) as (body: Buffer) => Promise<Buffer>;
  return gzipAsync(body);
}

const CONTENT_TYPES: Record<HttpDestination['encoding'], string> = {
  ndjson: 'application/x-ndjson',
  json_array: 'application/json',
  text: 'text/plain; charset=utf-8',
};

/**
 * The request body for a batch. JSON escapes every control byte; `text` escapes LF/CR/NUL itself.
 * With `scratch` (a sink's own writer, reused batch after batch, sinks/body.ts ReusedWriter) the body
 * is a view of it, valid until the scratch is written again; without, a writer of its own.
 */
export function encodeBatch(batch: readonly LogRecord[], encoding: HttpDestination['encoding'], scratch?: BodyWriter): Buffer {
  // ~200 bytes of JSON around each line is a fair first guess; the writer grows when it is not.
  const hint = batchSizeHint(batch, encoding === 'text' ? 2 : 256);
  const out = scratch ?? new BodyWriter(hint);
  if (scratch) scratch.reset(hint);
  if (encoding === 'json_array') {
    out.byte(0x5b);
    for (let i = 0; i < batch.length; i++) {
      if (i) out.byte(0x2c);
      writeRecordJson(batch[i]!, out);
    }
    out.byte(0x5d);
  } else if (encoding === 'ndjson') {
    for (const r of batch) {
      writeRecordJson(r, out);
      out.byte(0x0a);
    }
  } else {
    for (const r of batch) {
      out.write(escapeLine(r.line));
      out.byte(0x0a);
    }
  }
  return out.finish();
}

/**
 * The headers of every request. Secrets (header values, basic/bearer credentials) are revealed
 * here, when the request is built, and travel nowhere else.
 */
function requestHeaders(dest: HttpDestination, userAgent: string): Record<string, string> {
  const h: Record<string, string> = { 'content-type': CONTENT_TYPES[dest.encoding], 'user-agent': userAgent };
  if (dest.compression === 'gzip') h['content-encoding'] = 'gzip';
  if (dest.auth?.kind === 'basic') h['authorization'] = 'Basic ' + Buffer.from(`${dest.auth.user}:${dest.auth.password.reveal()}`).toString('base64');
  else if (dest.auth?.kind === 'bearer') h['authorization'] = `Bearer ${dest.auth.token.reveal()}`;
  // Configured headers come last: an explicit `Authorization` or `Content-Type` wins.
  for (const [k, v] of Object.entries(dest.headers)) h[k.toLowerCase()] = v.reveal();
  return h;
}

export interface HttpSinkOptions {
  readonly version?: string;
  readonly now?: () => number;
}

/** The `http` destination: one POST per batch, through a keep-alive pool. */
export function createHttpSink(dest: HttpDestination, opts: HttpSinkOptions = {}): Sink {
  const client = new HttpClient({ url: dest.url, tls: dest.tls, timeoutMs: dest.timeoutMs, ...(opts.now ? { now: opts.now } : {}) });
  const path = dest.url.pathname + dest.url.search;
  const userAgent = `sluice/${opts.version ?? '0.0.0'}`;
  let closed = false;
  // One batch is encoded at a time (a route has one in flight), into one reused writer whose
  // body is sent as a view; after an unclean send the next batch gets a new writer (body.ts).
  const scratch = new ReusedWriter();
  return {
    async send(batch: readonly LogRecord[], signal: AbortSignal): Promise<SendResult> {
      if (closed) return CLOSED;
      const out = scratch.take();
      // Clean unless the request may still be reading `out` (see ReusedWriter).
      let clean = true;
      try {
        let body = encodeBatch(batch, dest.encoding, out);
        if (dest.compression === 'gzip') {
          try {
            body = await gzip(body);
          } catch (err) {
            return { kind: 'permanent', error: 'encode', detail: `gzip failed: ${(err as Error).message}` };
          }
        } else {
          clean = false;
        }
        const r = await client.post(path, requestHeaders(dest, userAgent), body, signal);
        clean ||= r.kind === 'ok';
        return r;
      } finally {
        scratch.settled(out, clean);
      }
    },
    close(): Promise<void> {
      closed = true;
      return client.close();
    },
  };
}
