/**
 * Raw destination (schema-valid, defaults filled) → resolved Destination: URLs parsed with
 * credentials moved into Secrets, PEM files read, units converted, templates compiled.
 */
import type { Destination as RawDestination, Tls as RawTls } from './schema.gen.js';
import type { Destination, TlsConfig } from './types.js';
import type { DataPath } from './errors.js';
import { readPem, type ResolveContext } from './context.js';
import { parseDuration, parseSize } from './units.js';
import { compileTemplate } from '../routing/template.js';
import { Secret } from '../util/secret.js';

const FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'];
const SEVERITIES: Record<string, number> = { emerg: 0, alert: 1, crit: 2, err: 3, error: 3, warning: 4, warn: 4, notice: 5, info: 6, debug: 7 };
const DEFAULT_PORTS: Record<string, string> = { 'udp:': '514', 'tcp:': '514', 'tls:': '6514' };

export async function resolveTls(ctx: ResolveContext, path: DataPath, tls: RawTls | undefined): Promise<TlsConfig> {
  const t = tls ?? {};
  const [ca, cert, key] = await Promise.all([
    t.ca === undefined ? undefined : readPem(ctx, [...path, 'ca'], t.ca),
    t.cert === undefined ? undefined : readPem(ctx, [...path, 'cert'], t.cert),
    t.key === undefined ? undefined : readPem(ctx, [...path, 'key'], t.key),
  ]);
  if ((t.cert === undefined) !== (t.key === undefined)) ctx.report(path, 'cert and key go together: give both or neither');
  return {
    ...(ca !== undefined && { ca }),
    ...(cert !== undefined && { cert }),
    ...(key !== undefined && { key: new Secret(key) }),
    insecureSkipVerify: t.insecure_skip_verify ?? false,
    ...(t.server_name !== undefined && { serverName: t.server_name }),
  };
}

/** Parses a URL and takes any user:password out of it. Reports (without the URL, which may hold them) on failure. */
function parseUrl(ctx: ResolveContext, path: DataPath, text: string): { url: URL; user?: string; password?: string } | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.report(path, 'not a valid URL');
    return undefined;
  }
  if (!url.hostname) {
    ctx.report(path, 'the URL has no host');
    return undefined;
  }
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.username = '';
  url.password = '';
  return { url, ...(user !== undefined && { user }), ...(password !== undefined && { password }) };
}

function template(source: string | undefined) {
  return source === undefined ? undefined : compileTemplate(source);
}

export async function resolveDestination(ctx: ResolveContext, path: DataPath, d: RawDestination): Promise<Destination | undefined> {
  const timeoutMs = 'timeout' in d && d.timeout ? parseDuration(d.timeout) : 10_000;
  switch (d.type) {
    case 'console':
      return { type: 'console', format: d.format ?? 'text', escape: d.escape ?? 'always' };
    case 'http': {
      const parsed = parseUrl(ctx, [...path, 'url'], d.url);
      const tls = await resolveTls(ctx, [...path, 'tls'], d.tls);
      if (!parsed) return undefined;
      let auth: Extract<Destination, { type: 'http' }>['auth'];
      if (parsed.user !== undefined || parsed.password !== undefined) {
        if (d.auth) ctx.report([...path, 'url'], 'credentials are both in the URL and in auth: keep one');
        auth = { kind: 'basic', user: parsed.user ?? '', password: new Secret(parsed.password ?? '') };
      }
      if (d.auth?.type === 'basic') auth = { kind: 'basic', user: d.auth.user, password: new Secret(d.auth.password) };
      if (d.auth?.type === 'bearer') auth = { kind: 'bearer', token: new Secret(d.auth.token) };
      const headers: Record<string, Secret> = {};
      for (const [k, v] of Object.entries(d.headers ?? {})) headers[k] = new Secret(v);
      if (auth && Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) ctx.report([...path, 'headers'], 'an Authorization header and auth are both set: keep one');
      return { type: 'http', url: parsed.url, encoding: d.encoding ?? 'ndjson', compression: d.compression ?? 'none', headers, ...(auth && { auth }), tls, timeoutMs };
    }
    case 'mezmo': {
      const parsed = parseUrl(ctx, [...path, 'url'], d.url ?? 'https://logs.mezmo.com/logs/ingest');
      const tls = await resolveTls(ctx, [...path, 'tls'], d.tls);
      if (!parsed) return undefined;
      if (parsed.user !== undefined || parsed.password !== undefined) ctx.report([...path, 'url'], 'put the ingestion key in key, not in the URL');
      const hostname = template(d.hostname);
      const app = template(d.app);
      return {
        type: 'mezmo',
        key: new Secret(d.key),
        url: parsed.url,
        auth: d.auth ?? 'basic',
        ...(hostname && { hostname }),
        ...(app && { app }),
        tags: (d.tags ?? []).map((t) => compileTemplate(t)),
        levelStdout: d.level?.stdout ?? 'INFO',
        levelStderr: d.level?.stderr ?? 'ERROR',
        maxLineBytes: parseSize(d.max_line_bytes ?? '16KiB'),
        tls,
        timeoutMs,
      };
    }
    case 'syslog': {
      const parsed = parseUrl(ctx, [...path, 'url'], d.url);
      const tls = await resolveTls(ctx, [...path, 'tls'], d.tls);
      if (!parsed) return undefined;
      if (parsed.user !== undefined) ctx.report([...path, 'url'], 'syslog URLs take no credentials');
      if (!parsed.url.port) parsed.url.port = DEFAULT_PORTS[parsed.url.protocol]!;
      const framing = d.framing ?? 'octet_counting';
      if (parsed.url.protocol === 'tls:' && framing !== 'octet_counting') ctx.report([...path, 'framing'], 'syslog over TLS always uses octet_counting framing (RFC 5425)');
      const f = d.facility ?? 'user';
      const appName = template(d.app_name);
      const hostname = template(d.hostname);
      return {
        type: 'syslog',
        url: parsed.url,
        format: d.format ?? 'rfc5424',
        framing,
        facility: typeof f === 'number' ? f : FACILITIES.indexOf(f),
        severityStdout: severity(d.severity?.stdout ?? 'info'),
        severityStderr: severity(d.severity?.stderr ?? 'err'),
        ...(appName && { appName }),
        ...(hostname && { hostname }),
        structuredData: d.structured_data ?? true,
        maxUdpBytes: parseSize(d.max_udp_bytes ?? 2048),
        tls,
        timeoutMs,
      };
    }
    case 'raw': {
      const parsed = parseUrl(ctx, [...path, 'url'], d.url);
      const tls = await resolveTls(ctx, [...path, 'tls'], d.tls);
      if (!parsed) return undefined;
      if (parsed.user !== undefined) ctx.report([...path, 'url'], 'raw URLs take no credentials');
      const tpl = template(d.template);
      return { type: 'raw', url: parsed.url, ...(tpl && { template: tpl }), maxUdpBytes: parseSize(d.max_udp_bytes ?? 2048), tls, timeoutMs };
    }
  }
}

function severity(v: string | number): number {
  return typeof v === 'number' ? v : SEVERITIES[v]!;
}
