import type { SendResult } from './sink.js';
import { OK } from './sink.js';

/** The most of an error response body we keep for a `permanent` result's detail. */
export const DETAIL_CAP_BYTES = 1024;

type Headers = Record<string, string | string[] | undefined>;

/** A readable body (undici's BodyReadable): async-iterable, with `dump()` to discard the rest. */
export interface ResponseBody extends AsyncIterable<Buffer | string> {
  dump(opts?: { limit?: number }): Promise<void>;
}

/**
 * Retry-After in milliseconds from now: delta-seconds (`120`) or an HTTP date. Undefined when absent
 * or unparsable; never negative.
 */
export function retryAfterMs(value: string | string[] | undefined, now: number): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Up to `cap` bytes of a body as text, then the rest is discarded: an error body is read for the
 * log, never buffered whole. Stopping the iteration early destroys the stream (and with it the
 * connection, which is fine after an error).
 */
export async function readCapped(body: ResponseBody, cap = DETAIL_CAP_BYTES): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of body) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      parts.push(b);
      n += b.length;
      if (n >= cap) break;
    }
  } catch {
    // a body cut short still tells us what we got
  }
  const all = Buffer.concat(parts);
  const text = all.subarray(0, cap).toString('utf8');
  return n > cap ? `${text}…` : text;
}

/**
 * The SPEC §3 status rules: 2xx ok; 429 and 5xx retryable with the server's Retry-After; 408
 * retryable; any other status permanent, with the (capped) response body as detail. The body is
 * always consumed or discarded, so the keep-alive connection goes back to the pool.
 */
export async function classifyResponse(status: number, headers: Headers, body: ResponseBody, now: number): Promise<SendResult> {
  if (status >= 200 && status < 300) {
    await body.dump().catch(() => undefined);
    return OK;
  }
  const text = await readCapped(body);
  const detail = text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
  if (status === 429 || status >= 500) {
    const afterMs = retryAfterMs(headers['retry-after'], now);
    const error = status === 429 ? 'http_429' : 'http_5xx';
    return afterMs === undefined ? { kind: 'retryable', error, detail } : { kind: 'retryable', error, detail, afterMs };
  }
  if (status === 408) return { kind: 'retryable', error: 'http_4xx', detail };
  return { kind: 'permanent', error: 'http_4xx', detail: status < 400 ? `${detail} (redirects are not followed)` : detail };
}
