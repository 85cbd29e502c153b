import type { LogRecord } from '../core/record.js';
import type { MezmoDestination } from '../config/types.js';
import type { SendResult, Sink } from './sink.js';
import { HttpClient } from './http-client.js';
import { readCapped, type ResponseBody } from './http-response.js';
import { MEZMO_MAX_BODY_BYTES, planMezmoRequests, rejectedIn207 } from './mezmo-encode.js';
import { CLOSED } from './net/transport.js';

export interface MezmoSinkOptions {
  readonly version?: string;
  /** Wall clock: the `now` query parameter and Retry-After dates. */
  readonly now?: () => number;
  readonly maxBodyBytes?: number;
}

/** A 207 body is a status per line; 1 MiB covers a 10 MB request's worth of statuses. */
const STATUS_BODY_CAP = 1 << 20;

/**
 * The `mezmo` destination: Mezmo's ingestion API exactly as documented — POST
 * `{url}?hostname=…&tags=…&now=<ms>`, the ingestion key as basic-auth user (empty password) or an
 * `apikey` header, a JSON `lines[]` body (never gzipped). A batch may become several requests
 * (per hostname/tags, under 10 MB each), sent in order; the first failure ends the send with that
 * result, and the route re-sends the whole batch (lines of requests already accepted may then
 * arrive twice: at-least-once). A 207 is read line by line: refused lines are counted in `rejected`.
 */
export function createMezmoSink(dest: MezmoDestination, opts: MezmoSinkOptions = {}): Sink {
  const now = opts.now ?? Date.now;
  const client = new HttpClient({ url: dest.url, tls: dest.tls, timeoutMs: dest.timeoutMs, now });
  const maxBody = opts.maxBodyBytes ?? MEZMO_MAX_BODY_BYTES;
  const baseQuery = new URLSearchParams(dest.url.search);
  const userAgent = `sluice/${opts.version ?? '0.0.0'}`;
  let closed = false;

  const headers = (): Record<string, string> => {
    const key = dest.key.reveal();
    const h: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8', 'user-agent': userAgent };
    if (dest.auth === 'header') h['apikey'] = key;
    else h['authorization'] = 'Basic ' + Buffer.from(`${key}:`).toString('base64');
    return h;
  };

  const on2xx = async (status: number, body: ResponseBody): Promise<SendResult> => {
    if (status !== 207) {
      await body.dump().catch(() => undefined);
      return { kind: 'ok' };
    }
    return { kind: 'ok', rejected: rejectedIn207(await readCapped(body, STATUS_BODY_CAP)) };
  };

  return {
    async send(batch: readonly LogRecord[], signal: AbortSignal): Promise<SendResult> {
      if (closed) return CLOSED;
      let rejected = 0;
      let bytes = 0;
      for (const req of planMezmoRequests(batch, dest, now(), maxBody)) {
        const q = new URLSearchParams(baseQuery);
        q.set('hostname', req.hostname);
        if (req.tags) q.set('tags', req.tags);
        q.set('now', String(now()));
        const body = Buffer.from(req.body, 'utf8');
        const r = await client.post(`${dest.url.pathname}?${q.toString()}`, headers(), body, signal, on2xx);
        if (r.kind !== 'ok') return r;
        rejected += r.rejected ?? 0;
        bytes += body.length;
      }
      return rejected ? { kind: 'ok', rejected, bytes } : { kind: 'ok', bytes };
    },
    close(): Promise<void> {
      closed = true;
      return client.close();
    },
  };
}
