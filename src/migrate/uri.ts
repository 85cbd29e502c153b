/**
 * logspout route URIs: `[multiline+]<adapter>[+<transport>]://<host>:<port>[?<key>=<value>&…]`.
 * Several are joined with commas (split before any URL parsing, so a comma inside a value is `%2C`).
 * `filter.id`, `filter.name`, `filter.sources` and `filter.labels` are route filters; every other
 * query key is an adapter option. logspout expands `$VAR`/`${VAR}` in the URI before parsing; here
 * they become sluice's `${VAR}` references, so the value is read at run time and never printed.
 */

export interface RouteFilters {
  readonly id?: string;
  readonly name?: string;
  /** Comma list as logspout splits it (empty items kept). */
  readonly sources?: readonly string[];
  readonly labels?: readonly string[];
}

export interface RouteUri {
  /** 1-based position in the list, for messages. */
  readonly index: number;
  readonly multiline: boolean;
  /** syslog, raw, or whatever else was written (lower case, as Go's url.Parse gives it). */
  readonly adapter: string;
  /** udp, tcp, tls or whatever else; udp when omitted. */
  readonly transport: string;
  /** host[:port] as written, with `$VAR` turned into `${VAR}`. */
  readonly address: string;
  readonly filters: RouteFilters;
  /** Adapter options, first value of each key (Go's url.Values.Get). */
  readonly options: ReadonlyMap<string, string>;
  /** The URI held user:password@ (never echoed). */
  readonly userinfo: boolean;
  /** Anything after the address (logspout's core adapters ignore it). */
  readonly path: string;
}

export type ParsedUri = { readonly ok: true; readonly route: RouteUri } | { readonly ok: false; readonly index: number; readonly reason: string };

/** Splits the list as logspout does (on every comma), dropping empty items. */
export function splitRouteUris(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `$VAR` → `${VAR}`; `${VAR}` kept; any other `$` is a literal (`$$` in sluice). */
export function toReferences(text: string): string {
  return text.replace(/\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)?/g, (_m, ref: string | undefined) => {
    if (ref === undefined) return '$$';
    return ref.startsWith('{') ? '$' + ref : '${' + ref + '}';
  });
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

export function parseRouteUri(text: string, index: number): ParsedUri {
  const fail = (reason: string): ParsedUri => ({ ok: false, index, reason });
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/s.exec(text);
  if (!m) return fail('not a URI of the form adapter[+transport]://host:port[?options]');
  const parts = m[1]!.toLowerCase().split('+');
  let multiline = false;
  if (parts[0] === 'multiline') {
    multiline = true;
    parts.shift();
    if (parts.length === 0) return fail('multiline needs an adapter after it, e.g. multiline+raw+tcp://');
  }
  let adapter = parts[0]!;
  let transport = parts[1] ?? 'udp';
  // udp://, tcp:// and tls:// are raw over that transport.
  if (parts.length === 1 && (adapter === 'udp' || adapter === 'tcp' || adapter === 'tls')) {
    transport = adapter;
    adapter = 'raw';
  }
  if (parts.length > 2) return fail(`"${m[1]}" has more parts than adapter+transport`);
  let authority = m[2]!;
  let userinfo = false;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    userinfo = true;
    authority = authority.slice(at + 1);
  }
  if (authority === '') return fail('no host');
  const filters: { id?: string; name?: string; sources?: string[]; labels?: string[] } = {};
  const options = new Map<string, string>();
  const query = m[4];
  if (query) {
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      if (pair.includes(';')) return fail('";" in the query (Go refuses it)');
      const eq = pair.indexOf('=');
      const key = decode(eq < 0 ? pair : pair.slice(0, eq));
      const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
      if (key === null || value === null) return fail('bad %-escape in the query');
      if (options.has(key) || (key.startsWith('filter.') && key.slice(7) in filters)) continue; // Get: first value
      switch (key) {
        case 'filter.id':
          filters.id = value;
          break;
        case 'filter.name':
          filters.name = value;
          break;
        case 'filter.sources':
          filters.sources = value.split(',');
          break;
        case 'filter.labels':
          filters.labels = value.split(',');
          break;
        default:
          options.set(key, value);
      }
    }
  }
  return { ok: true, route: { index, multiline, adapter, transport, address: toReferences(authority), filters, options, userinfo, path: m[3]! } };
}

/** A URI for messages and comments: scheme, address and option keys, never option values or userinfo. */
export function describeRoute(r: RouteUri): string {
  const scheme = (r.multiline ? 'multiline+' : '') + r.adapter + '+' + r.transport;
  const keys = [...Object.keys(r.filters).map((k) => 'filter.' + k), ...r.options.keys()];
  return `${scheme}://${r.address}${keys.length ? ' (' + keys.join(', ') + ')' : ''}`;
}
