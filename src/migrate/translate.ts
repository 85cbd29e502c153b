/**
 * logspout (gliderlabs) and Mezmo's logspout image settings → one sluice config, as plain data plus
 * comments and a list of findings. Every input key ends as a finding: translated (possibly into
 * nothing, with a reason) or not translated (`ok: false`, the exit code of `sluice migrate` says so).
 * Values of keys that are not understood are never repeated (they may be secrets); the ingestion key
 * becomes the reference `${LOGDNA_KEY}`, read again when sluice loads the config.
 */
import { translateFilters } from './filters.js';
import { literalText, translateGoTemplate } from './gotemplate.js';
import { describeRoute, parseRouteUri, splitRouteUris, type RouteUri } from './uri.js';

export interface MigrateInput {
  /** The environment logspout ran with. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Route URIs given as logspout's argument (they win over ROUTE_URIS). */
  readonly routeArg?: string;
  /** True when `env` is the logspout container's whole environment (env file): unknown keys are reported. */
  readonly wholeEnv: boolean;
}

export interface Finding {
  /** Env variable, `route N` or `route N <query key>`. */
  readonly key: string;
  readonly ok: boolean;
  readonly message: string;
}

export type YamlPath = readonly (string | number)[];

export interface Migration {
  readonly config: Record<string, unknown>;
  /** Comment lines placed above the key at each path (`[]`: the head of the file). */
  readonly comments: ReadonlyArray<{ readonly path: YamlPath; readonly lines: readonly string[] }>;
  readonly findings: readonly Finding[];
  /** Every key translated. */
  readonly complete: boolean;
}

/** Variables logspout, its modules and Mezmo's image read. */
export const LOGSPOUT_KEYS = [
  'ROUTE_URIS', 'BACKLOG', 'TAIL', 'ALLOW_TTY', 'INACTIVITY_TIMEOUT', 'EXCLUDE_LABEL', 'EXCLUDE_LABELS', 'DEBUG',
  'PORT', 'HTTP_PORT', 'HTTP_BIND_ADDRESS', 'ROUTESPATH', 'RETRY_COUNT',
  'SYSLOG_FORMAT', 'SYSLOG_TCP_FRAMING', 'SYSLOG_PRIORITY', 'SYSLOG_TIMESTAMP', 'SYSLOG_HOSTNAME', 'SYSLOG_TAG', 'SYSLOG_PID',
  'SYSLOG_STRUCTURED_DATA', 'SYSLOG_DATA', 'RAW_FORMAT',
  'MULTILINE_ENABLE_DEFAULT', 'MULTILINE_MATCH', 'MULTILINE_PATTERN', 'MULTILINE_FLUSH_AFTER', 'MULTILINE_SEPARATOR',
  'LOGSPOUT_TLS_DISABLE_SYSTEM_ROOTS', 'LOGSPOUT_TLS_CA_CERTS', 'LOGSPOUT_TLS_CLIENT_CERT', 'LOGSPOUT_TLS_CLIENT_KEY', 'LOGSPOUT_TLS_HARDENING',
  'LOGDNA_KEY', 'LOGDNA_URL', 'TAGS', 'FLUSH_INTERVAL', 'MAX_BUFFER_SIZE', 'MAX_REQUEST_RETRY', 'HTTP_CLIENT_TIMEOUT',
  'HTTP_CLIENT_BACKOFF', 'HTTP_CLIENT_JITTER', 'FILTER_NAME', 'FILTER_ID', 'FILTER_SOURCES', 'FILTER_LABELS', 'BUILD_VERSION',
  'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy',
] as const;

/** From the process environment only these prefixes are looked at (the rest is the shell's). */
const LOGSPOUT_PREFIXES = /^(SYSLOG_|LOGSPOUT_|MULTILINE_|LOGDNA_|RAW_|FILTER_|HTTP_CLIENT_)/;
/** Present in any container's environment; not settings. */
const SYSTEM_KEYS = new Set(['PATH', 'HOME', 'HOSTNAME', 'TERM', 'PWD', 'OLDPWD', 'SHLVL', 'LANG', 'LANGUAGE', 'USER', 'SHELL', 'container', 'NO_PROXY', 'no_proxy', 'TZ', '_']);

const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

class Builder {
  readonly findings: Finding[] = [];
  readonly comments: { path: YamlPath; lines: string[] }[] = [];
  readonly used = new Set<string>();
  constructor(readonly env: Readonly<Record<string, string | undefined>>) {}
  get(key: string): string | undefined {
    const v = this.env[key];
    return v === undefined || v === '' ? undefined : v;
  }
  ok(key: string, message: string): void {
    this.findings.push({ key, ok: true, message });
  }
  fail(key: string, message: string): void {
    this.findings.push({ key, ok: false, message });
  }
  /** A finding for an env key, once. */
  once(key: string, ok: boolean, message: string): void {
    if (this.used.has(key)) return;
    this.used.add(key);
    (ok ? this.ok : this.fail).call(this, key, message);
  }
  comment(path: YamlPath, ...lines: string[]): void {
    const at = this.comments.find((c) => c.path.length === path.length && c.path.every((p, i) => p === path[i]));
    if (at) at.lines.push(...lines);
    else this.comments.push({ path, lines: [...lines] });
  }
}

const wholeNumber = (s: string): number | null => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);

export function translate(input: MigrateInput): Migration {
  const b = new Builder(input.env);
  const config: Record<string, unknown> = { version: 1 };
  const routes: Record<string, unknown>[] = [];
  const names = new Set<string>();
  const uniqueName = (base: string): string => {
    let n = base;
    for (let i = 2; names.has(n); i++) n = `${base}-${i}`;
    names.add(n);
    return n;
  };

  // Route URIs: the argument wins over ROUTE_URIS, as in logspout.
  const envUris = b.get('ROUTE_URIS');
  const list = input.routeArg ?? envUris;
  if (input.routeArg !== undefined && envUris !== undefined) b.once('ROUTE_URIS', true, 'ignored: the route argument wins over ROUTE_URIS, as in logspout');
  else if (envUris !== undefined) b.once('ROUTE_URIS', true, 'translated into the routes below');
  const uris = list === undefined ? [] : splitRouteUris(list);
  const parsed: RouteUri[] = [];
  uris.forEach((u, i) => {
    const p = parseRouteUri(u, i + 1);
    if (p.ok) parsed.push(p.route);
    else b.fail(`route ${i + 1}`, `not translated: ${p.reason}`);
  });

  const syslogRoutes = parsed.filter((r) => r.adapter === 'syslog');
  const rawRoutes = parsed.filter((r) => r.adapter === 'raw');
  const multilineRoutes = parsed.filter((r) => r.multiline && (r.adapter === 'syslog' || r.adapter === 'raw'));
  const tlsRoutes = parsed.filter((r) => r.transport === 'tls' && (r.adapter === 'syslog' || r.adapter === 'raw'));

  const syslog = syslogDestination(b, syslogRoutes.length > 0);
  const rawTemplate = rawFormat(b, rawRoutes.length > 0);
  const multiline = multilineRule(b, multilineRoutes.length > 0);
  const tls = tlsSettings(b, tlsRoutes.length > 0);

  for (const r of parsed) {
    const where = `route ${r.index}`;
    if (r.adapter !== 'syslog' && r.adapter !== 'raw') {
      b.fail(where, `not translated: the "${r.adapter}" adapter (${describeRoute(r)}) is not one of logspout's own (syslog, raw); sluice has http, mezmo, syslog and raw destinations`);
      continue;
    }
    if (r.transport !== 'udp' && r.transport !== 'tcp' && r.transport !== 'tls') {
      b.fail(where, `not translated: transport "${r.transport}" (udp, tcp or tls expected)`);
      continue;
    }
    const f = translateFilters(r.filters, (k) => `filter.${k}`);
    for (const p of f.problems) b.fail(where, p);
    if (f.matchesNothing) {
      b.fail(where, `left out: ${f.matchesNothing}, so logspout sent nothing on this route`);
      continue;
    }
    const name = uniqueName(r.adapter);
    const route: Record<string, unknown> = { name };
    const idx = routes.length;
    b.comment(['routes', idx], `from route ${r.index}: ${describeRoute(r)}`, ...f.comments);
    if (f.match) route.match = f.match;
    if (f.exclude) route.exclude = f.exclude;
    if (r.userinfo) b.fail(where, 'the user:password@ part of the URI is not used by logspout\'s syslog and raw adapters; left out (not printed)');
    if (r.path && r.path !== '/') b.ok(where, `the path "${r.path}" after the address is ignored, as logspout does`);
    const url = `${r.transport}://${r.address}`;
    let dest: Record<string, unknown>;
    if (r.adapter === 'syslog') {
      dest = { type: 'syslog', url, ...syslog.fields(r, b, where) };
      if (r.transport === 'tcp') dest.framing = syslog.framing;
      if (r.transport === 'tls' && syslog.framing === 'newline') {
        const why = 'sluice frames TLS syslog by octet counting (RFC 5425), where logspout ended each message with a newline; rsyslog and most receivers take both';
        if (b.get('SYSLOG_TCP_FRAMING') !== undefined) b.fail(where, `SYSLOG_TCP_FRAMING=traditional over TLS is not translated: ${why}`);
        else b.comment(['routes', idx, 'destination'], why);
      }
    } else {
      dest = { type: 'raw', url, ...(rawTemplate !== undefined && { template: rawTemplate }) };
      if (r.transport === 'udp') b.comment(['routes', idx, 'destination'], 'over UDP logspout put the format\'s trailing newline into each datagram; sluice sends the line alone');
    }
    for (const [k] of r.options) {
      if (r.adapter === 'syslog' && (k === 'append_tag' || k === 'structured_data')) continue;
      b.fail(`${where} ${k}`, `not translated: "${k}" is not an option of logspout's ${r.adapter} adapter (value not printed)`);
    }
    if (r.transport === 'tls' && tls) dest.tls = tls;
    route.destination = dest;
    if (r.multiline && multiline) route.multiline = multiline;
    routes.push(route);
  }

  const mezmo = mezmoRoute(b, input);
  if (mezmo) {
    mezmo.route.name = uniqueName('mezmo');
    b.comment(['routes', routes.length], ...mezmo.comments);
    routes.push(mezmo.route);
    if (input.env.HOSTNAME) {
      config.hostname = '${HOSTNAME:-}';
      b.once('HOSTNAME', true, 'hostname: ${HOSTNAME:-} (the host name Mezmo gets; empty: the machine\'s)');
      b.comment(['hostname'], "Mezmo's image took the line's hostname from HOSTNAME (the container's host name unless set)");
    }
  }

  globalSettings(b, config);

  // Unknown keys: every key of a whole environment; from a shell, only the ones that look like logspout's.
  const known = new Set<string>(LOGSPOUT_KEYS);
  const referenced = new Set(parsed.flatMap((r) => [...r.address.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!)));
  for (const key of Object.keys(input.env).sort()) {
    if (referenced.has(key) && !known.has(key)) {
      b.ok(key, 'referenced by a route URI: read from the environment when sluice loads the config');
      continue;
    }
    if (known.has(key) || SYSTEM_KEYS.has(key) || key.startsWith('LC_')) continue;
    if (!input.wholeEnv && !LOGSPOUT_PREFIXES.test(key)) continue;
    b.fail(key, 'not translated: not a setting of logspout or of Mezmo\'s logspout image (value not printed)');
  }

  config.routes = routes;
  if (routes.length === 0) b.fail('routes', 'no route: neither a route URI (argument or ROUTE_URIS) nor LOGDNA_KEY was given, or none could be translated');
  return { config, comments: b.comments, findings: b.findings, complete: b.findings.every((f) => f.ok) };
}

interface SyslogSettings {
  readonly framing: 'newline' | 'octet_counting';
  fields(r: RouteUri, b: Builder, where: string): Record<string, unknown>;
}

function syslogDestination(b: Builder, used: boolean): SyslogSettings {
  const unused = (key: string) => b.once(key, true, 'no effect: no syslog route (logspout ignored it too)');
  const common: Record<string, unknown> = {};

  const format = b.get('SYSLOG_FORMAT');
  if (format !== undefined) {
    if (!used) unused('SYSLOG_FORMAT');
    else if (format === 'rfc5424' || format === 'rfc3164') {
      common.format = format;
      b.once('SYSLOG_FORMAT', true, `format: ${format}`);
    } else b.once('SYSLOG_FORMAT', false, `not translated: "${format}" is neither rfc5424 nor rfc3164 (logspout refused it)`);
  }

  let framing: 'newline' | 'octet_counting' = 'newline';
  const fr = b.get('SYSLOG_TCP_FRAMING');
  if (fr !== undefined) {
    if (fr === 'octet-counted') framing = 'octet_counting';
    else if (fr !== 'traditional') b.once('SYSLOG_TCP_FRAMING', false, `not translated: "${fr}" is neither traditional nor octet-counted`);
    if (!used) unused('SYSLOG_TCP_FRAMING');
    else b.once('SYSLOG_TCP_FRAMING', true, `framing: ${framing} on TCP routes`);
  }

  // Hostname: logspout's default is the container's hostname; sluice's would be the host's.
  const hostTpl = b.get('SYSLOG_HOSTNAME') ?? '{{.Container.Config.Hostname}}';
  const host = translateGoTemplate(hostTpl, 'container');
  if (host.ok) {
    common.hostname = host.template;
    if (b.get('SYSLOG_HOSTNAME') !== undefined) used ? b.once('SYSLOG_HOSTNAME', true, `hostname: ${host.template}`) : unused('SYSLOG_HOSTNAME');
  } else used ? b.once('SYSLOG_HOSTNAME', false, `not translated: ${host.unsupported.join(' ')} has no sluice template field`) : unused('SYSLOG_HOSTNAME');

  const priority = b.get('SYSLOG_PRIORITY');
  if (priority !== undefined && priority !== '{{.Priority}}' && priority !== '{{ .Priority }}') {
    const n = wholeNumber(priority);
    if (!used) unused('SYSLOG_PRIORITY');
    else if (n !== null && n < 192) {
      common.facility = n >> 3;
      common.severity = { stdout: SEVERITIES[n & 7], stderr: SEVERITIES[n & 7] };
      b.once('SYSLOG_PRIORITY', true, `facility ${n >> 3}, severity ${SEVERITIES[n & 7]} for both streams`);
    } else b.once('SYSLOG_PRIORITY', false, `not translated: "${priority}" is not a number; sluice sets facility and a severity per stream`);
  } else if (priority !== undefined) used ? b.once('SYSLOG_PRIORITY', true, "logspout's default priority (user.info, stderr user.err) is sluice's too") : unused('SYSLOG_PRIORITY');

  for (const key of ['SYSLOG_TIMESTAMP', 'SYSLOG_PID'] as const) {
    if (b.get(key) === undefined) continue;
    if (!used) unused(key);
    else b.once(key, false, key === 'SYSLOG_TIMESTAMP' ? "not translated: sluice always sends Docker's timestamp (microseconds)" : 'not translated: sluice sends no PROCID ("-")');
  }
  const data = b.get('SYSLOG_DATA');
  if (data !== undefined) {
    if (!used) unused('SYSLOG_DATA');
    else if (data.trim() === '{{.Data}}' || data.trim() === '{{ .Data }}') b.once('SYSLOG_DATA', true, "the line itself, sluice's message");
    else b.once('SYSLOG_DATA', false, 'not translated: a sluice syslog message is the line itself; a template for it does not exist');
  }
  const sdEnv = b.get('SYSLOG_STRUCTURED_DATA');
  if (sdEnv !== undefined && !used) unused('SYSLOG_STRUCTURED_DATA');
  const tag = b.get('SYSLOG_TAG');
  let tagTpl: string | undefined;
  if (tag !== undefined) {
    const t = translateGoTemplate(tag, 'container');
    if (!used) unused('SYSLOG_TAG');
    else if (t.ok) {
      tagTpl = t.template;
      b.once('SYSLOG_TAG', true, `app_name: ${t.template}`);
    } else b.once('SYSLOG_TAG', false, `not translated: ${t.unsupported.join(' ')} has no sluice template field; the container name is sent`);
  }

  return {
    framing,
    fields(r, bb, where) {
      const out: Record<string, unknown> = { ...common };
      const append = r.options.get('append_tag');
      if (tag !== undefined) {
        if (tagTpl !== undefined) out.app_name = tagTpl;
        if (append) bb.ok(`${where} append_tag`, 'ignored: logspout adds append_tag only to its default tag, and SYSLOG_TAG is set');
      } else if (append) {
        out.app_name = '{{ container.name }}' + literalText(append);
        bb.ok(`${where} append_tag`, `app_name: ${out.app_name as string}`);
      }
      const sd = r.options.get('structured_data') || sdEnv;
      out.structured_data = false;
      if (sd) {
        const key = r.options.get('structured_data') ? `${where} structured_data` : 'SYSLOG_STRUCTURED_DATA';
        if (key === 'SYSLOG_STRUCTURED_DATA') bb.once(key, false, 'not translated: sluice writes its own structured data (container metadata, structured_data: true), not a given text');
        else bb.fail(key, 'not translated: sluice writes its own structured data (container metadata, structured_data: true), not a given text');
      }
      return out;
    },
  };
}

function rawFormat(b: Builder, used: boolean): string | undefined {
  const fmt = b.get('RAW_FORMAT');
  if (fmt === undefined) return undefined;
  if (!used) {
    b.once('RAW_FORMAT', true, 'no effect: no raw route (logspout ignored it too)');
    return undefined;
  }
  const body = fmt.endsWith('\n') ? fmt.slice(0, -1) : fmt;
  const t = translateGoTemplate(body, 'line');
  if (!t.ok) {
    b.once('RAW_FORMAT', false, `not translated: ${t.unsupported.join(' ')} has no sluice template field; raw routes send the line`);
    return undefined;
  }
  const extra = t.notes.length ? ` (${t.notes.join('; ')})` : '';
  b.once('RAW_FORMAT', true, `template: ${t.template}${fmt.endsWith('\n') ? '' : '; sluice ends each line with a newline on TCP and TLS'}${extra}`);
  return t.template === '{{ line }}' ? undefined : t.template;
}

/** logspout's MULTILINE_MATCH=nonfirst pattern `^X` (X one character or class) → the start pattern `^(?:[^X]|$)`. */
function negateFirstChar(pattern: string): string | null {
  const m = /^\^(\\s|\\t| |\[[^\]\\]+\]|\\S)([+]?)$/.exec(pattern);
  if (!m) return null;
  const x = m[1]!;
  if (x === '\\s') return '^(?:\\S|$)';
  if (x === '\\S') return '^(?:\\s|$)';
  if (x === '\\t') return '^(?:[^\\t]|$)';
  if (x === ' ') return '^(?:[^ ]|$)';
  if (x.startsWith('[^')) return `^(?:[${x.slice(2, -1)}]|$)`;
  return `^(?:[^${x.slice(1, -1)}]|$)`;
}

function multilineRule(b: Builder, used: boolean): Record<string, unknown> | undefined {
  const keys = ['MULTILINE_ENABLE_DEFAULT', 'MULTILINE_MATCH', 'MULTILINE_PATTERN', 'MULTILINE_FLUSH_AFTER', 'MULTILINE_SEPARATOR'];
  if (!used) {
    for (const k of keys) if (b.get(k) !== undefined) b.once(k, true, 'no effect: no multiline+ route (logspout ignored it too)');
    return undefined;
  }
  const match = (b.get('MULTILINE_MATCH') ?? 'nonfirst').toLowerCase();
  const pattern = b.get('MULTILINE_PATTERN') ?? '^\\s';
  let start: string | null = null;
  if (match === 'first') start = pattern;
  else if (match === 'nonfirst') start = negateFirstChar(pattern);
  if (start === null) {
    const why = match === 'nonfirst' ? `the continuation pattern "${pattern}" has no start-of-record pattern sluice can derive` : `MULTILINE_MATCH=${match} (sluice joins from a start line: "first", or "nonfirst" with a one-character pattern)`;
    b.once(b.get('MULTILINE_MATCH') !== undefined && match !== 'nonfirst' ? 'MULTILINE_MATCH' : 'MULTILINE_PATTERN', false, `not translated: ${why}; the multiline routes get no multiline`);
    for (const k of keys) if (b.get(k) !== undefined) b.once(k, false, 'not applied: the multiline settings are not translated (see MULTILINE_MATCH, MULTILINE_PATTERN)');
    return undefined;
  }
  if (b.get('MULTILINE_MATCH') !== undefined) b.once('MULTILINE_MATCH', true, `multiline.start: ${start}`);
  if (b.get('MULTILINE_PATTERN') !== undefined) b.once('MULTILINE_PATTERN', true, `multiline.start: ${start}`);
  const rule: Record<string, unknown> = { start, timeout: '500ms' };
  const flush = b.get('MULTILINE_FLUSH_AFTER');
  if (flush !== undefined) {
    const n = wholeNumber(flush);
    if (n === null) b.once('MULTILINE_FLUSH_AFTER', false, `not translated: "${flush}" is not a number of milliseconds (logspout refused it)`);
    else {
      rule.timeout = `${n}ms`;
      b.once('MULTILINE_FLUSH_AFTER', true, `multiline.timeout: ${n}ms`);
    }
  }
  const sep = b.env.MULTILINE_SEPARATOR;
  if (sep !== undefined && sep !== '' && sep !== '\n') b.once('MULTILINE_SEPARATOR', false, 'not translated: sluice joins the lines of a record with "\\n"');
  else if (sep !== undefined) b.once('MULTILINE_SEPARATOR', true, 'sluice joins with "\\n" too');
  const en = b.get('MULTILINE_ENABLE_DEFAULT');
  if (en !== undefined) {
    if (/^(1|t|true|TRUE|True)$/.test(en)) b.once('MULTILINE_ENABLE_DEFAULT', true, 'every container of a multiline route is joined, as in sluice');
    else b.once('MULTILINE_ENABLE_DEFAULT', false, 'not translated: sluice joins every container of a multiline route; per container, the label sluice.multiline.start replaces LOGSPOUT_MULTILINE');
  }
  return rule;
}

function tlsSettings(b: Builder, used: boolean): Record<string, unknown> | undefined {
  const keys = ['LOGSPOUT_TLS_DISABLE_SYSTEM_ROOTS', 'LOGSPOUT_TLS_CA_CERTS', 'LOGSPOUT_TLS_CLIENT_CERT', 'LOGSPOUT_TLS_CLIENT_KEY', 'LOGSPOUT_TLS_HARDENING'];
  if (!used) {
    for (const k of keys) if (b.get(k) !== undefined) b.once(k, true, 'no effect: no tls route (logspout ignored it too)');
    return undefined;
  }
  const tls: Record<string, unknown> = {};
  const cas = b.get('LOGSPOUT_TLS_CA_CERTS')?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  const noSystem = b.get('LOGSPOUT_TLS_DISABLE_SYSTEM_ROOTS') === 'true';
  if (cas.length > 1) b.once('LOGSPOUT_TLS_CA_CERTS', false, `not translated: ${cas.length} CA files; sluice takes one (concatenate them into one PEM file), the first is used`);
  if (cas.length) {
    tls.ca = literalText(cas[0]!);
    b.once('LOGSPOUT_TLS_CA_CERTS', true, `tls.ca: ${cas[0]}${noSystem ? '' : ' (sluice then trusts only this CA, not also the system\'s)'}`);
  }
  if (b.get('LOGSPOUT_TLS_DISABLE_SYSTEM_ROOTS') !== undefined) {
    b.once('LOGSPOUT_TLS_DISABLE_SYSTEM_ROOTS', noSystem ? cas.length > 0 : true, noSystem ? (cas.length ? 'a tls.ca replaces the system CAs in sluice' : 'not translated: without LOGSPOUT_TLS_CA_CERTS nothing would be trusted') : 'the system CAs are used');
  }
  for (const [k, field] of [['LOGSPOUT_TLS_CLIENT_CERT', 'cert'], ['LOGSPOUT_TLS_CLIENT_KEY', 'key']] as const) {
    const v = b.get(k);
    if (v !== undefined) {
      tls[field] = literalText(v);
      b.once(k, true, `tls.${field}: ${v}`);
    }
  }
  if (b.get('LOGSPOUT_TLS_HARDENING') !== undefined) b.once('LOGSPOUT_TLS_HARDENING', true, "Node's TLS defaults already refuse what the hardening removed (TLS < 1.2, weak ciphers)");
  return Object.keys(tls).length ? tls : undefined;
}

function mezmoRoute(b: Builder, input: MigrateInput): { route: Record<string, unknown>; comments: string[] } | undefined {
  const mezmoKeys = ['LOGDNA_URL', 'TAGS', 'FLUSH_INTERVAL', 'MAX_BUFFER_SIZE', 'MAX_REQUEST_RETRY', 'HTTP_CLIENT_TIMEOUT', 'HTTP_CLIENT_BACKOFF', 'HTTP_CLIENT_JITTER', 'FILTER_NAME', 'FILTER_ID', 'FILTER_SOURCES', 'FILTER_LABELS', 'BUILD_VERSION'];
  if (b.get('LOGDNA_KEY') === undefined) {
    for (const k of mezmoKeys) {
      if (b.get(k) === undefined) continue;
      if (k === 'BUILD_VERSION') b.once(k, true, 'not needed');
      else b.once(k, false, "not translated: a setting of Mezmo's logspout image, which needs LOGDNA_KEY");
    }
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) if (b.get(k) !== undefined) b.once(k, true, 'no effect: logspout\'s syslog and raw adapters use no proxy');
    return undefined;
  }
  const comments = ["from Mezmo's logspout image (LOGDNA_KEY): one route for every container its FILTER_* variables select"];
  b.once('LOGDNA_KEY', true, 'key: ${LOGDNA_KEY} (read from the environment when sluice loads the config; never written out)');
  const dest: Record<string, unknown> = { type: 'mezmo', key: '${LOGDNA_KEY}', auth: 'header' };
  const route: Record<string, unknown> = { name: 'mezmo' };

  const f = translateFilters(
    { ...(b.get('FILTER_ID') && { id: b.get('FILTER_ID') }), ...(b.get('FILTER_NAME') && { name: b.get('FILTER_NAME') }), ...(b.get('FILTER_SOURCES') && { sources: b.get('FILTER_SOURCES')!.split(',') }), ...(b.get('FILTER_LABELS') && { labels: b.get('FILTER_LABELS')!.split(',') }) },
    (k) => `FILTER_${k.toUpperCase()}`,
  );
  for (const k of ['FILTER_ID', 'FILTER_NAME', 'FILTER_SOURCES', 'FILTER_LABELS']) {
    if (b.get(k) === undefined) continue;
    if (f.matchesNothing) b.once(k, false, `the Mezmo route is left out: ${f.matchesNothing}`);
    else b.once(k, true, 'in the route\'s match');
  }
  for (const p of f.problems) b.fail('FILTER_LABELS', p);
  if (f.matchesNothing) return undefined;
  comments.push(...f.comments);
  if (f.match) route.match = f.match;
  if (f.exclude) route.exclude = f.exclude;

  const url = b.get('LOGDNA_URL');
  if (url !== undefined) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) b.once('LOGDNA_URL', false, `not translated: "${url}" has a scheme; Mezmo's image always put https:// in front, so it never worked`);
    else {
      dest.url = 'https://' + literalText(url);
      b.once('LOGDNA_URL', true, `url: https://${url}`);
    }
  } else comments.push("Mezmo's image sent to logs.logdna.com/logs/ingest; sluice's default, logs.mezmo.com/logs/ingest, is the same service");

  const tags = b.get('TAGS');
  if (tags !== undefined) {
    const out: string[] = [];
    const bad: string[] = [];
    for (const t of tags.split(',')) {
      if (t === '') continue;
      if (!t.includes('{{')) {
        out.push(literalText(t));
        continue;
      }
      const tr = translateGoTemplate(t, 'container');
      if (tr.ok) out.push(tr.template);
      else bad.push(...tr.unsupported);
    }
    if (out.length) dest.tags = out;
    if (bad.length) b.once('TAGS', false, `not translated: ${bad.join(' ')} has no sluice template field; the other tags are kept`);
    else b.once('TAGS', true, `tags: ${out.join(', ')}${tags.includes('{{') ? ' (the image split a template\'s output on ":" into several tags; sluice keeps it as one)' : ''}`);
  }

  const flush: Record<string, unknown> = { interval: '250ms', max_bytes: '2MiB' };
  const fi = b.get('FLUSH_INTERVAL');
  if (fi !== undefined) {
    const n = wholeNumber(fi);
    if (n === null) b.once('FLUSH_INTERVAL', false, `not translated: "${fi}" is not whole milliseconds (the image used 250)`);
    else {
      flush.interval = `${n}ms`;
      b.once('FLUSH_INTERVAL', true, `flush.interval: ${n}ms`);
    }
  }
  const mb = b.get('MAX_BUFFER_SIZE');
  if (mb !== undefined) {
    const n = wholeNumber(mb);
    if (n === null || n === 0) b.once('MAX_BUFFER_SIZE', false, `not translated: "${mb}" is not a whole number of MB (the image used 2)`);
    else {
      flush.max_bytes = `${Math.min(n, 9)}MiB`;
      b.once('MAX_BUFFER_SIZE', true, `flush.max_bytes: ${Math.min(n, 9)}MiB${n > 9 ? " (Mezmo's request limit is 10 MB)" : ''}`);
    }
  }
  route.flush = flush;
  const retries = b.get('MAX_REQUEST_RETRY');
  if (retries !== undefined) {
    const n = wholeNumber(retries);
    if (n === null) b.once('MAX_REQUEST_RETRY', false, `not translated: "${retries}" is not a whole number`);
    else {
      route.retry = { max_attempts: n + 1 };
      b.once('MAX_REQUEST_RETRY', true, `retry.max_attempts: ${n + 1} (delete it and sluice retries until delivered)`);
    }
  } else comments.push('the image gave up on a batch after 5 retries; sluice retries until Mezmo accepts it (retry.max_attempts: 0)');
  const to = b.get('HTTP_CLIENT_TIMEOUT');
  dest.timeout = '30s';
  if (to !== undefined) {
    const n = wholeNumber(to);
    if (n === null) b.once('HTTP_CLIENT_TIMEOUT', false, `not translated: "${to}" is not whole seconds (the image used 30)`);
    else {
      dest.timeout = `${n}s`;
      b.once('HTTP_CLIENT_TIMEOUT', true, `timeout: ${n}s`);
    }
  }
  for (const k of ['HTTP_CLIENT_BACKOFF', 'HTTP_CLIENT_JITTER']) if (b.get(k) !== undefined) b.once(k, true, 'sluice backs off exponentially with jitter (retry.initial_backoff, retry.max_backoff)');
  if (b.get('BUILD_VERSION') !== undefined) b.once('BUILD_VERSION', true, 'not needed (it named the image in the user agent)');
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) if (b.get(k) !== undefined) b.once(k, false, 'not translated: sluice does not send through a proxy from the environment');
  comments.push('the line goes to Mezmo as the line (not a JSON blob with the metadata), with the container metadata in meta and timestamps in ms');
  route.destination = dest;
  void input;
  return { route, comments };
}

function globalSettings(b: Builder, config: Record<string, unknown>): void {
  const containers: Record<string, unknown> = {};
  const backlog = b.env.BACKLOG;
  const tail = b.get('TAIL');
  if (backlog !== undefined) {
    if (backlog === 'true') b.once('BACKLOG', true, 'containers.backfill: what Docker kept, for containers sluice has never seen');
    else b.once('BACKLOG', true, `"${backlog}" is not "true": read from now on (containers.backfill: none, sluice's default)`);
  }
  if (backlog === 'true') {
    if (tail === undefined || tail === 'all') containers.backfill = 'all';
    else if (wholeNumber(tail) !== null) containers.backfill = `tail:${wholeNumber(tail)}`;
    else b.once('TAIL', false, `not translated: "${tail}" is neither all nor a number`);
    if (tail !== undefined) b.once('TAIL', true, `containers.backfill: ${String(containers.backfill)}`);
  } else if (tail !== undefined) b.once('TAIL', true, 'no effect without BACKLOG=true (as in logspout)');

  const allow = b.get('ALLOW_TTY');
  if (allow !== undefined) {
    if (allow === 'true') b.once('ALLOW_TTY', true, 'sluice reads TTY containers too');
    else b.once('ALLOW_TTY', false, 'not translated: sluice cannot leave out TTY containers; exclude them by name or label');
  }
  if (b.get('INACTIVITY_TIMEOUT') !== undefined) b.once('INACTIVITY_TIMEOUT', true, 'not needed: sluice follows each container until it stops and resumes from a checkpoint');
  if (b.get('RETRY_COUNT') !== undefined) b.once('RETRY_COUNT', true, 'not needed: sluice reconnects with backoff without ever giving up');

  // EXCLUDE_LABELS (else EXCLUDE_LABEL): `k[:v]` entries split on ";"; the value defaults to "true" and
  // compares case-insensitively. logspout's loop keeps the previous entry's key and value when an
  // entry is not exactly `k:v`, which is reproduced here.
  const exKey = b.get('EXCLUDE_LABELS') !== undefined ? 'EXCLUDE_LABELS' : 'EXCLUDE_LABEL';
  const ex = b.get(exKey);
  if (exKey === 'EXCLUDE_LABELS' && b.get('EXCLUDE_LABEL') !== undefined) b.once('EXCLUDE_LABEL', true, 'ignored: EXCLUDE_LABELS wins, as in logspout');
  if (ex !== undefined) {
    let key = ex;
    let value = 'true';
    const pairs = new Map<string, Set<string>>();
    const notes: string[] = [];
    for (const entry of ex.split(';')) {
      const parts = entry.split(':');
      if (parts.length === 2) [key, value] = [parts[0]!, parts[1]!];
      else if (ex.includes(';')) notes.push(`"${entry}" is not key:value: logspout's loop then checks the previous entry again (at first, a label named like the whole variable), so it excluded nothing of its own`);
      if (key === '') continue;
      // The whole variable as a label name (a first entry without ":" in a list) names no real label.
      if (ex.includes(';') && key === ex) continue;
      if (!pairs.has(key)) pairs.set(key, new Set());
      pairs.get(key)!.add(value.toLowerCase());
    }
    const [first, ...rest] = [...pairs];
    if (first) {
      const [k, values] = first;
      const alt = [...values].map((v) => v.replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&')).join('|');
      containers.exclude = { labels: { [k]: `/^(?:${alt})$/i` } };
      b.comment(['containers', 'exclude'], `from ${exKey}: label "${k}" equal to ${[...values].map((v) => JSON.stringify(v)).join(' or ')}, ignoring case`, ...notes);
    }
    if (rest.length) b.once(exKey, false, `not translated: containers.exclude holds one label condition; ${rest.map(([k]) => `"${k}"`).join(', ')} left out`);
    else b.once(exKey, true, first ? 'containers.exclude' : 'no effect (no label named)');
  }
  if (Object.keys(containers).length) config.containers = containers;

  if (b.get('DEBUG') !== undefined) {
    config.log_level = 'debug';
    b.once('DEBUG', true, 'log_level: debug');
  }
  const port = b.get('PORT') ?? b.get('HTTP_PORT');
  const bind = b.get('HTTP_BIND_ADDRESS');
  if (port !== undefined) {
    const loopback = bind === undefined || bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind;
    const n = wholeNumber(port);
    if (n === null || n > 65535) b.once(b.get('PORT') !== undefined ? 'PORT' : 'HTTP_PORT', false, `not translated: "${port}" is not a port`);
    else {
      config.api = { listen: `${loopback.includes(':') ? `[${loopback}]` : loopback}:${n}` };
      b.once(b.get('PORT') !== undefined ? 'PORT' : 'HTTP_PORT', true, `api.listen: ${(config.api as { listen: string }).listen}`);
      if (b.get('PORT') !== undefined && b.get('HTTP_PORT') !== undefined) b.once('HTTP_PORT', true, 'ignored: PORT wins, as in logspout');
    }
  }
  if (bind !== undefined) {
    if (/^(127\.|::1$|localhost$)/.test(bind)) b.once('HTTP_BIND_ADDRESS', true, 'api.listen address');
    else
      b.once(
        'HTTP_BIND_ADDRESS',
        false,
        `not translated: sluice's API (/logs streams every container's logs) listens beyond loopback only with api.token set; set api.listen to ${bind}:PORT and api.token yourself`,
      );
  }
  if (b.get('ROUTESPATH') !== undefined) b.once('ROUTESPATH', false, 'not translated: sluice has no routes API; routes live in this file');
}

