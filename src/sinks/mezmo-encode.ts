/**
 * Mezmo ingestion request bodies (pure): records → `{"lines":[…]}` bodies grouped by the query
 * parameters they need (hostname, tags) and kept under the request size limit.
 * Mezmo's documented API: https://docs.mezmo.com/reference/ingest (see reference/anchors.md §3).
 */
import type { LogRecord } from '../core/record.js';
import type { MezmoDestination } from '../config/types.js';
import { cutUtf8 } from '../util/utf8.js';
import { dockerTimeToMs } from '../delivery/time.js';

/** Mezmo refuses bodies over 10 MB; stay under it with room for the envelope. */
export const MEZMO_MAX_BODY_BYTES = 10_000_000;
const MAX_HOSTNAME = 256;
const MAX_APP = 512;
const ENVELOPE_OPEN = '{"lines":[';
const ENVELOPE_CLOSE = ']}';

export interface MezmoRequest {
  readonly hostname: string;
  /** Comma-joined; empty = no `tags` parameter. */
  readonly tags: string;
  readonly body: string;
  readonly lines: number;
}

export type MezmoEncodeOptions = Pick<MezmoDestination, 'hostname' | 'app' | 'tags' | 'levelStdout' | 'levelStderr' | 'maxLineBytes'>;

/** One `lines[]` element: line (cut to maxLineBytes), app, level, timestamp (ms), meta. */
export function mezmoLine(r: LogRecord, o: MezmoEncodeOptions, nowMs: number): string {
  const c = r.container;
  const line = cutUtf8(r.line, o.maxLineBytes);
  const truncated = r.truncated || line !== r.line;
  const app = o.app ? o.app.render({ container: c, host: r.host, source: r.source }) : c.name;
  const ts = dockerTimeToMs(r.time);
  const meta: Record<string, unknown> = { container: { id: c.id, name: c.name, image: c.image, labels: c.labels }, source: r.source };
  if (c.compose) meta.compose = c.compose;
  if (c.k8s) meta.k8s = c.k8s;
  if (truncated) meta.truncated = true;
  return JSON.stringify({
    line,
    app: app.length > MAX_APP ? app.slice(0, MAX_APP) : app,
    level: r.source === 'stderr' ? o.levelStderr : o.levelStdout,
    // Docker's time, to the millisecond; a malformed one (never seen from Docker) falls back to now.
    timestamp: Number.isNaN(ts) ? nowMs : ts,
    meta,
  });
}

function hostnameOf(r: LogRecord, o: MezmoEncodeOptions): string {
  const h = o.hostname ? o.hostname.render({ container: r.container, host: r.host, source: r.source }) : r.host;
  const v = h || r.host || 'unknown';
  return v.length > MAX_HOSTNAME ? v.slice(0, MAX_HOSTNAME) : v;
}

function tagsOf(r: LogRecord, o: MezmoEncodeOptions): string {
  if (o.tags.length === 0) return r.tags.join(',');
  const all = new Set(r.tags);
  for (const t of o.tags) {
    const v = t.render({ container: r.container, host: r.host, source: r.source });
    if (v) all.add(v);
  }
  return [...all].join(',');
}

/**
 * The requests for one batch, in the order their first record appears. Records are grouped by
 * (hostname, tags) because both travel as query parameters; each group is split into as many
 * bodies as it takes to keep every body ≤ maxBodyBytes.
 */
export function planMezmoRequests(batch: readonly LogRecord[], o: MezmoEncodeOptions, nowMs: number, maxBodyBytes = MEZMO_MAX_BODY_BYTES): MezmoRequest[] {
  const groups = new Map<string, { hostname: string; tags: string; lines: string[] }>();
  for (const r of batch) {
    const hostname = hostnameOf(r, o);
    const tags = tagsOf(r, o);
    const key = `${hostname}\u0000${tags}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { hostname, tags, lines: [] }));
    g.lines.push(mezmoLine(r, o, nowMs));
  }
  const out: MezmoRequest[] = [];
  const overhead = ENVELOPE_OPEN.length + ENVELOPE_CLOSE.length;
  for (const g of groups.values()) {
    let body = ENVELOPE_OPEN;
    let bytes = overhead;
    let n = 0;
    for (const l of g.lines) {
      const len = Buffer.byteLength(l, 'utf8') + (n ? 1 : 0);
      if (n > 0 && bytes + len > maxBodyBytes) {
        out.push({ hostname: g.hostname, tags: g.tags, body: body + ENVELOPE_CLOSE, lines: n });
        body = ENVELOPE_OPEN;
        bytes = overhead;
        n = 0;
      }
      body += (n ? ',' : '') + l;
      bytes += Buffer.byteLength(l, 'utf8') + (n ? 1 : 0);
      n++;
    }
    if (n > 0) out.push({ hostname: g.hostname, tags: g.tags, body: body + ENVELOPE_CLOSE, lines: n });
  }
  return out;
}

/** Lines a 207 answer rejected: entries of its `status` array other than 200 (numbers or `{status}`). */
export function rejectedIn207(body: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 0;
  }
  const status = (parsed as { status?: unknown })?.status;
  if (!Array.isArray(status)) return 0;
  let n = 0;
  for (const s of status) {
    const code = typeof s === 'number' ? s : Number((s as { status?: unknown })?.status);
    if (code !== 200) n++;
  }
  return n;
}
