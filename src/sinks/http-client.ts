import type { Pool } from 'undici';
import type { TlsConfig } from '../config/types.js';
import { tlsOptions } from './net/endpoint.js';
import { classifyResponse, type ResponseBody } from './http-response.js';
import type { SendResult } from './sink.js';
import { ABORTED, CLOSED } from './net/transport.js';
import { undiciPool, undiciRequest, type RequestFn } from '../util/undici.js';

export interface HttpClientOptions {
  readonly url: URL;
  readonly tls: TlsConfig;
  readonly timeoutMs: number;
  /** Wall clock for Retry-After dates. */
  readonly now?: () => number;
}

/** A 2xx handler that reads the body itself (Mezmo's 207); it must consume or dump it. */
export type OkHandler = (status: number, body: ResponseBody) => Promise<SendResult>;

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * POSTs to one origin over an undici keep-alive Pool, and turns every outcome into a SendResult:
 * HTTP statuses by the SPEC rules (http-response.ts), network errors `retryable`/`network`,
 * the deadline (`timeoutMs` for the whole request, plus undici's connect/headers/body timeouts)
 * `retryable`/`timeout`, the caller's abort `retryable`/`aborted`.
 */
export class HttpClient {
  readonly #pool: Pool;
  readonly #request: RequestFn;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(o: HttpClientOptions) {
    this.#timeoutMs = o.timeoutMs;
    this.#now = o.now ?? Date.now;
    const tls = o.url.protocol === 'https:' ? tlsOptions(o.tls, o.url.hostname.replace(/^\[|\]$/g, '')) : {};
    // undici is loaded here, when the first HTTP or Mezmo route is built (util/undici.ts).
    const UndiciPool = undiciPool();
    this.#request = undiciRequest();
    this.#pool = new UndiciPool(o.url.origin, {
      connect: { ...tls, timeout: o.timeoutMs },
      headersTimeout: o.timeoutMs,
      bodyTimeout: o.timeoutMs,
      keepAliveTimeout: 4_000,
      connections: 4,
    });
  }

  async post(path: string, headers: Record<string, string>, body: Buffer | string, signal: AbortSignal, onOk?: OkHandler): Promise<SendResult> {
    if (this.#closed) return CLOSED;
    if (signal.aborted) return ABORTED;
    // One controller carries both the caller's abort and our deadline, so whichever comes first
    // cancels the request and we can still tell them apart afterwards.
    const ctl = new AbortController();
    let timedOut = false;
    const onAbort = (): void => ctl.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, this.#timeoutMs);
    timer.unref();
    try {
      const res = await this.#request.call(this.#pool, { path, method: 'POST', headers, body, signal: ctl.signal });
      if (onOk && res.statusCode >= 200 && res.statusCode < 300) return await onOk(res.statusCode, res.body);
      return await classifyResponse(res.statusCode, res.headers, res.body, this.#now());
    } catch (err) {
      if (timedOut) return { kind: 'retryable', error: 'timeout', detail: `request timed out after ${this.#timeoutMs} ms` };
      if (signal.aborted) return ABORTED;
      const e = err as { code?: string; message?: string };
      if (e.code && TIMEOUT_CODES.has(e.code)) return { kind: 'retryable', error: 'timeout', detail: `${e.code}: ${e.message}` };
      if (this.#closed) return CLOSED;
      return { kind: 'retryable', error: 'network', detail: e.code ? `${e.code}: ${e.message}` : String(e.message ?? err) };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Idempotent: lets requests in flight finish (bounded by their deadline), then closes the sockets. */
  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= this.#pool.close().catch(() => undefined);
    return this.#closing;
  }
}
