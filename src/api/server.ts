/**
 * The HTTP API (node:http, no framework): /healthz, /readyz, /metrics, /status, /logs.
 *
 *   request ──► auth (all but /healthz and /readyz, when a token is set) ──► GET-only dispatch ──► handler
 *
 * /readyz needs no token: Kubernetes probes cannot send a secret header (the kubelet does not expand
 * `$(VAR)` in probes), and it says only ready or not, and why.
 *
 * Every answer is built from the agent's own state on demand; nothing here runs per line except the
 * live stream's tap while a /logs client is connected (see live.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolvedConfig } from '../config/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import { systemClock, type Clock } from '../util/clock.js';
import { BearerAuth } from './auth.js';
import { isLoopbackHost, parseListen } from './listen.js';
import { LiveHub } from './live.js';
import { logspoutPathFilter, parseLiveFilter } from './live-filter.js';
import { scrapeMetrics } from './metrics.js';
import { Redactor } from './redact.js';
import { redactUrl } from '../util/secret.js';
import { buildStatus } from './status.js';
import type { AgentView, ReloadView } from './view.js';

export interface ApiOptions {
  agent: AgentView;
  metrics: Metrics;
  logger: Logger;
  version: string;
  reloader?: ReloadView;
  clock?: Clock;
  /** Per-client queue bound of the live stream (bytes). */
  liveMaxQueuedBytes?: number;
}

export interface ApiServer {
  /** Where it actually listens (port 0 in the config gives a free port). */
  readonly address: { host: string; port: number };
  readonly live: LiveHub;
  /** Stops accepting, ends live streams, and resolves once every connection is closed. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the API on `config.api.listen`; resolves once it listens. Rejects (and listens nowhere)
 * when the address is not loopback, no token is set, and `allow_insecure_listen` is not true: the
 * config loader rejects such a file too, and this check keeps it true for any caller.
 *
 * The token and listen address are read once, at start: changing them takes a restart (the reload
 * diff reports `api` as restart-required). The agent's current config is read per request.
 */
export async function startApiServer(api: NonNullable<ResolvedConfig['api']>, opts: ApiOptions): Promise<ApiServer> {
  const where = parseListen(api.listen);
  if ('error' in where) throw new Error(where.error);
  if (!api.token && !api.allowInsecureListen && !isLoopbackHost(where.host)) {
    throw new Error(`api.listen ${api.listen}: refusing to serve /logs and /status beyond this host without api.token (or allow_insecure_listen: true)`);
  }
  const auth = api.token ? new BearerAuth(api.token) : null;
  const clock = opts.clock ?? systemClock;
  const startedAt = clock.now();
  const live = new LiveHub(opts.agent, opts.metrics, opts.liveMaxQueuedBytes !== undefined ? { maxQueuedBytes: opts.liveMaxQueuedBytes } : {});
  let redactor: { config: ResolvedConfig; r: Redactor } | null = null;
  const redact = (): Redactor => {
    const cfg = opts.agent.config;
    if (redactor?.config !== cfg) redactor = { config: cfg, r: new Redactor(cfg) };
    return redactor.r;
  };

  const streamLogs = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const filter = parseLiveFilter(url.searchParams);
    if ('error' in filter) return send(res, 400, { error: filter.error });
    const accept = req.headers.accept ?? '';
    const json = /application\/(x-)?ndjson|application\/json/i.test(accept) || url.searchParams.get('format') === 'json';
    live.add(res, filter, json ? 'json' : 'text');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sluice');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'only GET' }, { allow: 'GET, HEAD' });
    if (path === '/healthz') return send(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const reasons = readiness(opts.agent);
      return reasons.length === 0 ? send(res, 200, { status: 'ready' }) : send(res, 503, { status: 'not ready', reasons });
    }
    if (auth && !auth.allows(req.headers.authorization)) {
      return send(res, 401, { error: 'missing or wrong bearer token' }, { 'www-authenticate': 'Bearer realm="sluice"' });
    }
    if (path.startsWith('/logs/')) {
      if (!logspoutPathFilter(path.slice('/logs/'.length), url.searchParams)) return send(res, 404, { error: 'not found: below /logs only name:<glob> and id:<id> (logspout\'s forms)' });
      return streamLogs(req, res, url);
    }
    switch (path) {
      case '/metrics': {
        const m = await scrapeMetrics(opts.agent, opts.metrics);
        res.writeHead(200, { 'content-type': m.contentType });
        res.end(req.method === 'HEAD' ? undefined : redact().scrub(m.body));
        return;
      }
      case '/status': {
        const doc = buildStatus(opts.agent, opts.reloader, redact(), { version: opts.version, startedAt, now: clock.now() });
        // Fields that may quote outside text were scrubbed; scrubbing the whole document is the net under it.
        return send(res, 200, doc, {}, (t) => redact().scrub(t));
      }
      case '/logs':
        return streamLogs(req, res, url);
      default:
        return send(res, 404, { error: 'not found', endpoints: ['/healthz', '/readyz', '/metrics', '/status', '/logs'] });
    }
  };

  const server: Server = createServer((req, res) => {
    // Path only: the query holds filters, never credentials, but headers (Authorization) stay out.
    res.on('finish', () => opts.logger.debug({ method: req.method, path: req.url?.split('?')[0], status: res.statusCode }, 'API request'));
    handle(req, res).catch((err: unknown) => {
      // Handlers build answers from secret-free state; the message is logged, the client gets a generic 500.
      opts.logger.error({ err: (err as Error)?.message, path: req.url?.split('?')[0] }, 'The API failed to answer a request.');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => opts.logger.error({ err: err.message }, 'API server error'));
  const addr = server.address() as AddressInfo;
  opts.logger.info({ listen: `${addr.address}:${addr.port}`, auth: auth ? 'bearer' : 'none' }, 'API listening');

  let closing: Promise<void> | null = null;
  return {
    address: { host: addr.address, port: addr.port },
    live,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        live.closeAll();
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/** Why the agent is not ready, or nothing when it is. A loaded config is a given once the agent exists. */
function readiness(agent: AgentView): string[] {
  const reasons: string[] = [];
  if (!agent.source.connected) reasons.push(`Docker engine not reachable (${hostForHumans(agent.config.docker.host)})`);
  if (agent.checkpointProblem) reasons.push(agent.checkpointProblem);
  return reasons;
}

function hostForHumans(host: string): string {
  if (!host.startsWith('unix:')) return redactUrl(host);
  try {
    return `no Docker socket answering at ${new URL(host).pathname}`;
  } catch {
    return 'unparseable docker.host';
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, filter?: (text: string) => string): void {
  let text = JSON.stringify(body, null, 2) + '\n';
  if (filter) text = filter(text);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(res.req?.method === 'HEAD' ? undefined : text);
}
