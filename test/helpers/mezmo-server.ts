/**
 * A loopback server that behaves like Mezmo's ingestion endpoint as documented
 * (https://docs.mezmo.com/reference/ingest; reference/anchors.md §3):
 * - POST /logs/ingest only;
 * - 401 without credentials; 403 with a wrong key; credentials are HTTP Basic (key as user, empty
 *   password) or an `apikey` header;
 * - 400 {"error":"Missing param hostname."} without `hostname`; 400 when `now` is not epoch ms
 *   within a day of the server's clock; 400 when the body is not `{"lines":[{line: string, …}]}`
 *   or Content-Type is not application/json;
 * - 413 over 10 MB;
 * - 200 {"status":"ok"}, or 207 with one `status` per line when `statusFor` is set.
 * Every accepted request is kept (query, headers, auth method, parsed body, size) for assertions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface MezmoLineIn {
  line: string;
  app?: string;
  level?: string;
  timestamp?: number;
  meta?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface MezmoRequestIn {
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  auth: 'basic' | 'header';
  bytes: number;
  lines: MezmoLineIn[];
}

export const MEZMO_BODY_LIMIT = 10 * 1000 * 1000;

export class MezmoServer {
  readonly accepted: MezmoRequestIn[] = [];
  /** Every answer that was not 2xx, with its reason (what a test expects never to see). */
  readonly refused: { status: number; error: string }[] = [];
  /** When set, a request is answered 207 with these per-line statuses. */
  statusFor: ((line: MezmoLineIn, i: number) => number) | undefined;
  url = '';
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  private constructor(readonly key: string) {
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.on('connection', (s: Socket) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
  }

  static async start(key: string): Promise<MezmoServer> {
    const m = new MezmoServer(key);
    await new Promise<void>((r) => m.#server.listen(0, '127.0.0.1', r));
    m.url = `http://127.0.0.1:${(m.#server.address() as AddressInfo).port}/logs/ingest`;
    return m;
  }

  #refuse(res: ServerResponse, status: number, error: string): void {
    this.refused.push({ status, error });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error }));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size <= MEZMO_BODY_LIMIT) parts.push(d);
    });
    req.on('end', () => this.#answer(req, res, Buffer.concat(parts), size));
  }

  #answer(req: IncomingMessage, res: ServerResponse, body: Buffer, size: number): void {
    const u = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'POST' || u.pathname !== '/logs/ingest') return this.#refuse(res, 404, 'Not found.');
    const basic = req.headers.authorization;
    const apikey = req.headers.apikey;
    let auth: 'basic' | 'header';
    if (basic && apikey) return this.#refuse(res, 400, 'Use one authentication method.');
    if (basic) {
      if (!basic.startsWith('Basic ')) return this.#refuse(res, 401, 'Unauthorized.');
      const [user, ...pw] = Buffer.from(basic.slice(6), 'base64').toString('utf8').split(':');
      if (pw.join(':') !== '') return this.#refuse(res, 401, 'Password must be empty.');
      if (user !== this.key) return this.#refuse(res, 403, 'Invalid ingestion key.');
      auth = 'basic';
    } else if (apikey) {
      if (apikey !== this.key) return this.#refuse(res, 403, 'Invalid ingestion key.');
      auth = 'header';
    } else return this.#refuse(res, 401, 'Missing credentials.');
    if (!u.searchParams.get('hostname')) return this.#refuse(res, 400, 'Missing param hostname.');
    const now = Number(u.searchParams.get('now'));
    if (!Number.isInteger(now) || Math.abs(now - Date.now()) > 86_400_000) return this.#refuse(res, 400, 'Param now must be epoch milliseconds.');
    if (size > MEZMO_BODY_LIMIT) return this.#refuse(res, 413, 'Payload too large.');
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return this.#refuse(res, 400, 'Content-Type must be application/json.');
    if (req.headers['content-encoding']) return this.#refuse(res, 400, 'Compressed bodies are not accepted on /logs/ingest.');
    let parsed: { lines?: unknown };
    try {
      parsed = JSON.parse(body.toString('utf8')) as { lines?: unknown };
    } catch {
      return this.#refuse(res, 400, 'Body is not JSON.');
    }
    if (!Array.isArray(parsed.lines) || parsed.lines.length === 0) return this.#refuse(res, 400, 'Body must have a non-empty lines array.');
    const lines = parsed.lines as MezmoLineIn[];
    for (const l of lines) {
      if (typeof l?.line !== 'string') return this.#refuse(res, 400, 'Each line needs a string "line".');
      if (l.timestamp !== undefined && (!Number.isInteger(l.timestamp) || l.timestamp < 1e12)) return this.#refuse(res, 400, 'timestamp must be epoch milliseconds.');
    }
    this.accepted.push({ query: u.searchParams, headers: req.headers, auth, bytes: size, lines });
    res.setHeader('content-type', 'application/json');
    if (this.statusFor) {
      const fn = this.statusFor;
      res.writeHead(207);
      res.end(JSON.stringify({ status: lines.map((l, i) => fn(l, i)) }));
      return;
    }
    res.writeHead(200);
    res.end(JSON.stringify({ status: 'ok' }));
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise((r) => this.#server.close(r));
  }
}
