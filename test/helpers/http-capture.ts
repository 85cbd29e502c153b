/**
 * A Node HTTP(S) server on 127.0.0.1 that records every request (method, path, headers, body
 * decoded from gzip) and answers from a script: `capture.script({status: 503}, {status: 429,
 * headers: {'retry-after': '7'}}, 'hang')`. When the script runs out it answers 200.
 */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { gunzipSync } from 'node:zlib';

export type Step = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The raw bytes as sent. */
  raw: Buffer;
  /** The body, gunzipped when Content-Encoding says gzip. */
  body: Buffer;
  text: string;
}

export class HttpCapture {
  readonly requests: CapturedRequest[] = [];
  readonly #server: Server;
  readonly #steps: Step[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #hanging: ServerResponse[] = [];
  url = '';
  /** TCP connections accepted since start (keep-alive reuse keeps this at 1). */
  connectionsOpened = 0;

  private constructor(server: Server) {
    this.#server = server;
    server.on('connection', (s: Socket) => {
      this.connectionsOpened++;
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.#handle(req, res));
  }

  static async start(opts: { tls?: { cert: string; key: string } } = {}): Promise<HttpCapture> {
    const server = opts.tls ? createHttps({ cert: opts.tls.cert, key: opts.tls.key }) : createHttp();
    const c = new HttpCapture(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    c.url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return c;
  }

  /** Appends answers to the script, consumed one per request. */
  script(...steps: Step[]): void {
    this.#steps.push(...steps);
  }

  /** Open TCP connections (keep-alive reuse shows as one). */
  get connections(): number {
    return this.#sockets.size;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    void readBody(req).then(({ raw, body }) => {
      this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body, text: body.toString('utf8') });
      answer(res, this.#steps.shift() ?? { status: 200 }, this.#hanging);
    });
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise((r) => this.#server.close(r));
  }
}

/** A request's body as sent (`raw`) and gunzipped when it says `content-encoding: gzip`. */
export async function readBody(req: IncomingMessage): Promise<{ raw: Buffer; body: Buffer }> {
  const raw = await buffer(req);
  return { raw, body: req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw };
}

/** Answers as a step says; a `hang` response is kept in `hanging` and never answered. */
export function answer(res: ServerResponse, step: Step, hanging: ServerResponse[]): void {
  if (step === 'hang') {
    hanging.push(res);
    return;
  }
  res.writeHead(step.status, step.headers);
  res.end(step.body ?? '');
}
