/**
 * A read-only Docker socket proxy for tests, like tecnativa/docker-socket-proxy: a unix-socket HTTP
 * server in front of the private engine's socket that forwards ONLY the GET calls SPEC §1 allows
 * (`/_ping`, `/version`, `/info`, `/containers/json`, `/containers/{id}/json`,
 * `/containers/{id}/logs`, `/events`, each with an optional `/vX.Y` prefix) and answers 403 to
 * anything else, recording every refused call. Responses stream through as they come (log follow,
 * events), and a client that goes away tears the upstream request down.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream';

export interface ProxyCall {
  readonly method: string;
  readonly path: string;
}

const ALLOWED = /^(?:\/v\d+\.\d+)?(?:\/_ping|\/version|\/info|\/containers\/json|\/containers\/[^/]+\/json|\/containers\/[^/]+\/logs|\/events)$/;
/** Hop-by-hop headers: node re-frames the body for each side, so these must not be copied. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

export function isAllowed(method: string, url: string): boolean {
  return method === 'GET' && ALLOWED.test(new URL(url, 'http://docker').pathname);
}

/** A made-up answer for a call (a test's stand-in for engine trouble the real engine cannot produce on demand). */
export type Fault = (call: ProxyCall) => { status: number; message: string } | undefined;

export class SocketProxy {
  readonly refused: ProxyCall[] = [];
  /** Calls answered by `fault` instead of the engine. */
  readonly faulted: ProxyCall[] = [];
  /** Consulted for every allowed call: an answer here is sent instead of forwarding. */
  fault: Fault | undefined;
  /** Consulted for every call about to be forwarded: a promise here holds the call until it settles. */
  hold: ((call: ProxyCall) => Promise<void> | undefined) | undefined;
  /** Open log streams, with the container id each is for. */
  readonly #logs = new Map<ServerResponse, string>();
  readonly #events = new Set<ServerResponse>();
  readonly forwarded: ProxyCall[] = [];
  /** The most container inspects (`GET /containers/{id}/json`) that were in flight at once. */
  maxInspectsInFlight = 0;
  /**
   * When set, only inspects of these container ids count in `maxInspectsInFlight`: other test files
   * create containers on the same engine meanwhile, and each `create` event is inspected on its own.
   */
  countInspectsOf: Set<string> | undefined;
  #inspects = 0;
  readonly socketPath: string;
  readonly #dir: string;
  readonly #server: Server;
  readonly #upstream: string;

  private constructor(upstreamSocket: string) {
    this.#upstream = upstreamSocket;
    this.#dir = mkdtempSync(join(tmpdir(), 'sluice-proxy-'));
    this.socketPath = join(this.#dir, 'docker.sock');
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  /** `upstream`: the engine, as `unix:///path` or a bare socket path. */
  static async start(upstream: string): Promise<SocketProxy> {
    const p = new SocketProxy(upstream.startsWith('unix://') ? new URL(upstream).pathname : upstream);
    await new Promise<void>((resolve, reject) => {
      p.#server.once('error', reject);
      p.#server.listen(p.socketPath, () => resolve());
    });
    return p;
  }

  /** `unix://…` for docker.host / DOCKER_HOST. */
  get host(): string {
    return `unix://${this.socketPath}`;
  }

  /** Ends every open /logs response (or those of one container id) at once, as an engine going away does; returns how many. */
  cutLogs(containerId?: string): number {
    let n = 0;
    for (const [res, id] of this.#logs) {
      if (containerId !== undefined && id !== containerId) continue;
      res.destroy();
      n++;
    }
    return n;
  }

  /** Writes `text` (one line) into every open /events stream, between the engine's events. */
  injectEvent(text: string): number {
    for (const res of this.#events) res.write(text + '\n');
    return this.#events.size;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const call = { method: req.method ?? '?', path: req.url ?? '/' };
    if (!isAllowed(call.method, call.path)) {
      this.refused.push(call);
      req.resume();
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `socket proxy: ${call.method} ${call.path.split('?')[0]} is not allowed` }) + '\n');
      return;
    }
    const f = this.fault?.(call);
    if (f) {
      this.faulted.push(call);
      req.resume();
      res.writeHead(f.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: f.message }) + '\n');
      return;
    }
    const held = this.hold?.(call);
    if (held) {
      req.pause();
      void held.then(() => this.#forward(call, req, res));
      return;
    }
    this.#forward(call, req, res);
  }

  #forward(call: ProxyCall, req: IncomingMessage, res: ServerResponse): void {
    this.forwarded.push(call);
    const logsOf = /\/containers\/([^/]+)\/logs$/.exec(new URL(call.path, 'http://docker').pathname);
    if (logsOf) {
      this.#logs.set(res, logsOf[1]!);
      res.on('close', () => this.#logs.delete(res));
    }
    const inspected = /^(?:\/v\d+\.\d+)?\/containers\/([^/]+)\/json$/.exec(new URL(call.path, 'http://docker').pathname);
    if (inspected && (!this.countInspectsOf || this.countInspectsOf.has(inspected[1]!))) {
      this.maxInspectsInFlight = Math.max(this.maxInspectsInFlight, ++this.#inspects);
      res.on('close', () => this.#inspects--);
    }
    if (/\/events$/.test(new URL(call.path, 'http://docker').pathname)) {
      this.#events.add(res);
      res.on('close', () => this.#events.delete(res));
    }
    const headers = { ...req.headers };
    for (const h of HOP) delete headers[h];
    const up = request({ socketPath: this.#upstream, method: call.method, path: call.path, headers }, (ures) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(ures.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
      res.writeHead(ures.statusCode ?? 502, out);
      // Headers go out now, as a real proxy sends them: /events answers with headers and then
      // nothing until the next container event.
      res.flushHeaders();
      // Each upstream chunk is written (and so flushed) as it arrives: follow streams stay live.
      pipeline(ures, res, () => undefined);
    });
    up.on('error', (err) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `socket proxy: upstream ${err.message}` }));
      } else res.destroy();
    });
    // The client going away ends the upstream call too (a tap stopping, the agent exiting).
    res.on('close', () => up.destroy());
    pipeline(req, up, () => undefined);
  }
}
