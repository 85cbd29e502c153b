/**
 * Schema-valid config → ResolvedConfig (src/config/types.ts). Problems that the schema cannot
 * express (unreadable PEM files, a URL that does not parse, an open API without a token) are
 * reported through the context, at their key's position, alongside everything else.
 */
import type { SluiceConfig, Route as RawRoute } from './schema.gen.js';
import type { Backfill, DockerConfig, KubernetesConfig, ResolvedConfig, RouteConfig } from './types.js';
import { readPem, type ResolveContext } from './context.js';
import { resolveMatch, resolveRoute, type RouteDefaults } from './resolve-route.js';
import { parseDuration, parseSize } from './units.js';
import { compileTemplate } from '../routing/template.js';
import { Secret } from '../util/secret.js';
import { join } from 'node:path';
import { podmanSockets } from '../docker/discover.js';

export interface ResolveInput {
  readonly config: SluiceConfig;
  /** The config as written, after interpolation but before schema defaults were filled in. */
  readonly written: Partial<SluiceConfig>;
  readonly file: string;
  readonly hash: string;
  readonly secretFiles: readonly string[];
}

export async function resolveConfig(ctx: ResolveContext, input: ResolveInput): Promise<ResolvedConfig | undefined> {
  const c = input.config;
  const d = c.defaults ?? {};
  const defaults: RouteDefaults = { buffer: d.buffer ?? {}, flush: d.flush ?? {}, retry: d.retry ?? {} };
  const writtenRoutes = (input.written.routes ?? []) as Partial<RawRoute>[];
  const [docker, routes] = await Promise.all([
    resolveDocker(ctx, c),
    Promise.all(c.routes.map((r, i) => resolveRoute(ctx, ['routes', i], r, writtenRoutes[i] ?? {}, defaults))),
  ]);
  const api = c.api ?? null;
  const token = api?.token ? new Secret(api.token) : null;
  if (api && !token && !api.allow_insecure_listen && !isLoopback(api.listen ?? '127.0.0.1:8080')) {
    ctx.report(['api', 'listen'], 'listening beyond this host needs a token (or allow_insecure_listen: true): /logs streams every container\'s logs');
  }
  if (!docker || routes.some((r) => !r)) return undefined;
  const containers = c.containers ?? {};
  const reload = c.reload ?? {};
  return {
    file: input.file,
    hash: input.hash,
    version: 1,
    hostname: compileTemplate(c.hostname ? c.hostname : ctx.hostname),
    tags: (c.tags ?? []).map((t) => compileTemplate(t)),
    logLevel: c.log_level ?? 'info',
    docker,
    source: c.source ?? 'auto',
    kubernetes: resolveKubernetes(ctx, c),
    containers: {
      optIn: containers.opt_in ?? false,
      ...(containers.exclude && { exclude: resolveMatch(containers.exclude) }),
      backfill: backfill(containers.backfill ?? 'none'),
    },
    stateDir: c.state_dir === undefined ? '/var/lib/sluice' : c.state_dir,
    api: api && { listen: api.listen ?? '127.0.0.1:8080', token, allowInsecureListen: api.allow_insecure_listen ?? false },
    shutdownTimeoutMs: parseDuration(c.shutdown_timeout ?? '10s'),
    reload: { debounceMs: parseDuration(reload.debounce ?? '200ms'), pollIntervalMs: parseDuration(reload.poll_interval ?? '5s') },
    routes: routes as RouteConfig[],
    secretFiles: input.secretFiles,
  };
}

/** In-cluster service account files (every pod with automountServiceAccountToken has them). */
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * `kubernetes:` with its environment defaults: `node_name` from NODE_NAME, `api: auto` from
 * KUBERNETES_SERVICE_HOST/PORT (the in-cluster convention). Read here, the one place that reads the
 * environment, so the source gets plain values.
 */
function resolveKubernetes(ctx: ResolveContext, c: SluiceConfig): KubernetesConfig {
  const k = c.kubernetes ?? {};
  const nodeName = k.node_name ?? ctx.env.NODE_NAME ?? '';
  const base = { logDir: k.log_dir ?? '/var/log/pods', nodeName, maxLineBytes: parseSize(k.max_line_bytes ?? '256KiB') };
  const api = k.api ?? 'auto';
  if (api === 'off') return { ...base, api: null };
  if (api === 'auto') {
    const host = ctx.env.KUBERNETES_SERVICE_HOST;
    if (!host) return { ...base, api: null };
    if (nodeName === '') return { ...base, api: null, apiNote: 'kubernetes.node_name is empty (set NODE_NAME from the downward API): pod labels and annotations are not used' };
    const port = ctx.env.KUBERNETES_SERVICE_PORT || '443';
    const h = host.includes(':') ? `[${host}]` : host;
    return { ...base, api: { url: `https://${h}:${port}`, tokenFile: join(SA_DIR, 'token'), caFile: join(SA_DIR, 'ca.crt') } };
  }
  if (nodeName === '') ctx.report(['kubernetes', 'node_name'], 'kubernetes.api is set, so kubernetes.node_name (or NODE_NAME) must name this node: only its pods are watched');
  return { ...base, api: { url: api.url, ...(api.token_file ? { tokenFile: api.token_file } : {}), ...(api.ca_file ? { caFile: api.ca_file } : {}) } };
}

function backfill(text: string): Backfill {
  if (text.startsWith('tail:')) return { kind: 'tail', lines: Number(text.slice(5)) };
  if (text.startsWith('since:')) return { kind: 'since', ms: parseDuration(text.slice(6)) };
  return { kind: text === 'all' ? 'all' : 'none' };
}

function isLoopback(listen: string): boolean {
  const host = listen.slice(0, listen.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Docker endpoint and TLS: the config wins; otherwise Docker's own environment variables
 * (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), as the docker CLI reads them. With neither,
 * Docker's default socket, and Podman's sockets as fallbacks when it is absent.
 */
async function resolveDocker(ctx: ResolveContext, c: SluiceConfig): Promise<DockerConfig | undefined> {
  const dk = c.docker ?? {};
  const host = dk.host ?? (ctx.env.DOCKER_HOST || 'unix:///var/run/docker.sock');
  const discover = !dk.host && !ctx.env.DOCKER_HOST;
  const base = { host, ...(discover ? { fallbacks: podmanSockets(ctx.env) } : {}), partialMerge: dk.partial_merge ?? true, maxLineBytes: parseSize(dk.max_line_bytes ?? '256KiB') };
  let ok = true;
  const pem = async (path: (string | number)[], value: string | undefined): Promise<string | undefined> => {
    if (value === undefined) return undefined;
    const text = await readPem(ctx, path, value);
    if (text === undefined) ok = false;
    return text;
  };
  if (dk.tls) {
    const [ca, cert, key] = await Promise.all([pem(['docker', 'tls', 'ca'], dk.tls.ca), pem(['docker', 'tls', 'cert'], dk.tls.cert), pem(['docker', 'tls', 'key'], dk.tls.key)]);
    if (!ok) return undefined;
    return { ...base, tls: { ...(ca && { ca }), ...(cert && { cert }), ...(key && { key: new Secret(key) }), verify: dk.tls.verify ?? true } };
  }
  const verify = !!ctx.env.DOCKER_TLS_VERIFY;
  const certPath = ctx.env.DOCKER_CERT_PATH;
  if (!dk.host && (verify || certPath) && !host.startsWith('unix://')) {
    const dir = certPath || join(ctx.env.HOME ?? '', '.docker');
    const [ca, cert, key] = await Promise.all([pem(['docker'], join(dir, 'ca.pem')), pem(['docker'], join(dir, 'cert.pem')), pem(['docker'], join(dir, 'key.pem'))]);
    if (!ok) return undefined;
    return { ...base, tls: { ...(ca && { ca }), ...(cert && { cert }), ...(key && { key: new Secret(key) }), verify } };
  }
  return base;
}
