/**
 * An HTTP ingest server on 127.0.0.1 for the delivery end-to-end tests. It parses NDJSON bodies
 * (sluice's http destination, `encoding: ndjson`) and keeps, per container name, the lines it
 * ACCEPTED: only lines of requests it answered 2xx count, in the order they arrived, and a line
 * seen twice (same container, stream and text) is counted as a duplicate.
 *
 * Its behaviour can be switched at runtime:
 *   ingest.answer(503)                      every request gets 503 (or 429 + Retry-After...)
 *   ingest.accept()                         back to 200
 *   ingest.hang()                           requests are read and never answered
 *   await ingest.refuse()                   the listener closes and open sockets are destroyed:
 *                                           connections are refused until `await ingest.reopen()`
 *   ingest.script({status: 400}, ...)       one-shot answers, consumed one per request, before the mode
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answer, readBody, type Step } from './http-capture.js';

export type Answer = Step;

export interface IngestRequest {
  /** Milliseconds since the server started. */
  at: number;
  status: number | 'hang';
  lines: number;
  /** First and last record of the body (as parsed), for tests that look at batch boundaries. */
  first?: IngestLine;
  last?: IngestLine;
}

export interface IngestLine {
  container: string;
  source: string;
  line: string;
  /** Docker's timestamp of the line (RFC 3339, nanoseconds). */
  time: string;
}

const OK: Answer = { status: 200 };

export class IngestServer {
  readonly requests: IngestRequest[] = [];
  readonly #accepted = new Map<string, IngestLine[]>();
  readonly #seen = new Map<string, Set<string>>();
  readonly #dups = new Map<string, number>();
  readonly #script: Answer[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #hanging: ServerResponse[] = [];
  readonly #started = Date.now();
  #mode: Answer = OK;
  #server: Server;
  #port = 0;
  url = '';

  private constructor() {
    this.#server = this.#newServer();
  }

  static async start(): Promise<IngestServer> {
    const s = new IngestServer();
    await s.#listen(0);
    s.url = `http://127.0.0.1:${s.#port}/ingest`;
    return s;
  }

  /** Every later request (after any scripted ones) gets this status. */
  answer(status: number, headers?: Record<string, string>): void {
    this.#mode = headers ? { status, headers } : { status };
  }

  accept(): void {
    this.#mode = OK;
  }

  hang(): void {
    this.#mode = 'hang';
  }

  /** One-shot answers, consumed one per request before the mode applies. */
  script(...answers: Answer[]): void {
    this.#script.push(...answers);
  }

  /** Closes the listener and every open connection: new connections are refused. */
  async refuse(): Promise<void> {
    const closed = new Promise((r) => this.#server.close(r));
    for (const s of this.#sockets) s.destroy();
    this.#releaseHanging();
    await closed;
  }

  /** Listens again on the same port. */
  async reopen(): Promise<void> {
    this.#server = this.#newServer();
    await this.#listen(this.#port);
  }

  /** Accepted lines of one container, in arrival order. */
  lines(container: string): IngestLine[] {
    return this.#accepted.get(container) ?? [];
  }

  /** Accepted line texts of one container and stream, in arrival order. */
  texts(container: string, source?: string): string[] {
    const out: string[] = [];
    for (const l of this.lines(container)) if (source === undefined || l.source === source) out.push(l.line);
    return out;
  }

  count(container: string): number {
    return this.lines(container).length;
  }

  /** Distinct accepted lines of one container. */
  distinct(container: string): number {
    return this.#seen.get(container)?.size ?? 0;
  }

  duplicates(container: string): number {
    return this.#dups.get(container) ?? 0;
  }

  /** Lines accepted (2xx) in the last `ms` milliseconds, every container together. */
  acceptedWithin(ms: number): number {
    const from = Date.now() - this.#started - ms;
    let n = 0;
    for (let i = this.requests.length - 1; i >= 0 && this.requests[i]!.at >= from; i--) {
      const r = this.requests[i]!;
      if (typeof r.status === 'number' && r.status >= 200 && r.status < 300) n += r.lines;
    }
    return n;
  }

  /** Lines accepted for every container together. */
  get total(): number {
    let n = 0;
    for (const l of this.#accepted.values()) n += l.length;
    return n;
  }

  async close(): Promise<void> {
    if (this.#server.listening) await this.refuse();
  }

  #newServer(): Server {
    const server = createServer({ keepAliveTimeout: 5_000 });
    server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.#handle(req, res));
    return server;
  }

  async #listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    void readBody(req).then(({ body }) => {
      const parsed = parseNdjson(body.toString('utf8'));
      const step = this.#script.shift() ?? this.#mode;
      const r: IngestRequest = { at: Date.now() - this.#started, status: step === 'hang' ? 'hang' : step.status, lines: parsed.length };
      if (parsed.length > 0) {
        r.first = parsed[0]!;
        r.last = parsed[parsed.length - 1]!;
      }
      this.requests.push(r);
      // Recorded before answering: the client cannot act on a 2xx before we counted its lines.
      if (step !== 'hang' && step.status >= 200 && step.status < 300) for (const l of parsed) this.#record(l);
      answer(res, step, this.#hanging);
    });
  }

  #record(l: IngestLine): void {
    let list = this.#accepted.get(l.container);
    let seen = this.#seen.get(l.container);
    if (list === undefined || seen === undefined) {
      list = [];
      seen = new Set();
      this.#accepted.set(l.container, list);
      this.#seen.set(l.container, seen);
    }
    list.push(l);
    const key = `${l.source}\u0000${l.line}`;
    if (seen.has(key)) this.#dups.set(l.container, (this.#dups.get(l.container) ?? 0) + 1);
    else seen.add(key);
  }

  #releaseHanging(): void {
    for (const res of this.#hanging.splice(0)) res.destroy();
  }
}

function parseNdjson(text: string): IngestLine[] {
  const out: IngestLine[] = [];
  for (const row of text.split('\n')) {
    if (row === '') continue;
    const o = JSON.parse(row) as { line: string; source: string; time: string; container: { name: string } };
    out.push({ container: o.container.name, source: o.source, line: o.line, time: o.time });
  }
  return out;
}

/** `prefix1` ... `prefixN`. */
export function numbered(prefix: string, n: number, from = 1): string[] {
  return Array.from({ length: n - from + 1 }, (_, i) => `${prefix}${from + i}`);
}

/** The numbers missing from `1..n` among lines `prefix<k>` (first few only, for messages). */
export function missing(lines: readonly string[], prefix: string, n: number, show = 10): { count: number; first: number[] } {
  const have = new Uint8Array(n + 1);
  for (const l of lines) {
    if (!l.startsWith(prefix)) continue;
    const k = Number(l.slice(prefix.length));
    if (Number.isInteger(k) && k >= 1 && k <= n) have[k] = 1;
  }
  const first: number[] = [];
  let count = 0;
  for (let k = 1; k <= n; k++) {
    if (have[k]) continue;
    count++;
    if (first.length < show) first.push(k);
  }
  return { count, first };
}
