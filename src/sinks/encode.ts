import type { ContainerInfo, LogRecord } from '../core/record.js';
import type { BodyWriter } from './body.js';
import { ContainerCache } from './container-cache.js';
import { isDockerTime } from '../delivery/time.js';

/**
 * The JSON shape of a record, shared by the http sink (ndjson, json_array) and the console's json
 * format, so every JSON consumer sees the same fields:
 * `{ time, line, source, container: {id, name, image, labels, hostname}, host, tags, truncated?, compose?, k8s? }`.
 * `truncated` appears only when true; `compose`/`k8s` only when the container carries them.
 * JSON.stringify of this object escapes every control byte, so NUL or newlines in `line` never
 * break NDJSON framing.
 */
export interface RecordJson {
  time: string;
  line: string;
  source: string;
  container: { id: string; name: string; image: string; labels: Readonly<Record<string, string>>; hostname: string };
  host: string;
  tags: readonly string[];
  truncated?: true;
  compose?: { project?: string; service?: string };
  k8s?: { namespace?: string; pod?: string; container?: string };
}

export function recordToJson(r: LogRecord): RecordJson {
  const c = r.container;
  const out: RecordJson = {
    time: r.time,
    line: r.line,
    source: r.source,
    container: { id: c.id, name: c.name, image: c.image, labels: c.labels, hostname: c.hostname },
    host: r.host,
    tags: r.tags,
  };
  if (r.truncated) out.truncated = true;
  if (c.compose) out.compose = c.compose;
  if (c.k8s) out.k8s = c.k8s;
  return out;
}

// Per-container and per-tag-list JSON, computed once: a container's metadata (labels can be many)
// is the same on every one of its lines, and the router interns tag lists.
const containerJson = new WeakMap<ContainerInfo, string>();
const tagsJson = new WeakMap<readonly string[], string>();

/** A record's JSON after its `line`: the same for all lines of a container, host, tag list and stream. */
const tails = new ContainerCache((r) => {
  const text = makeTail(r);
  return { text, utf8: Buffer.from(text, 'utf8') };
});

/**
 * `JSON.stringify(recordToJson(r))`, byte for byte, without re-serialising the container's metadata
 * and tags on every line (the hot path of every JSON destination).
 */
export function recordJsonText(r: LogRecord): string {
  return `{"time":${JSON.stringify(r.time)},"line":${JSON.stringify(r.line)}${tails.get(r).text}`;
}

/**
 * `recordJsonText(r)` written as UTF-8 into `out`, in pieces: only the line is serialised per line. A
 * Docker time needs no escaping and is copied as it is; everything after the line is the container's
 * cached tail, copied as bytes. No string of the whole record is built (it would be a rope flattened
 * again by the write).
 */
export function writeRecordJson(r: LogRecord, out: BodyWriter): void {
  const t = r.time;
  if (isDockerTime(t)) {
    // Digits, `-`, `:`, `.`, `T`, `Z` or an offset: nothing JSON escapes, one byte each.
    out.bytes(TIME_OPEN);
    out.latin1(t);
    out.bytes(TIME_CLOSE_LINE);
  } else out.write(`{"time":${JSON.stringify(t)},"line":`);
  out.write(JSON.stringify(r.line));
  out.bytes(tails.get(r).utf8);
}

const TIME_OPEN = Buffer.from('{"time":"');
const TIME_CLOSE_LINE = Buffer.from('","line":');

/** `,"source":…,"container":…,"host":…,"tags":…` and the optional fields, then `}`. */
function makeTail(r: LogRecord): string {
  const c = r.container;
  let cj = containerJson.get(c);
  if (cj === undefined) {
    cj = JSON.stringify({ id: c.id, name: c.name, image: c.image, labels: c.labels, hostname: c.hostname });
    containerJson.set(c, cj);
  }
  let tj = tagsJson.get(r.tags);
  if (tj === undefined) {
    tj = JSON.stringify(r.tags);
    tagsJson.set(r.tags, tj);
  }
  let s = `,"source":${JSON.stringify(r.source)},"container":${cj},"host":${JSON.stringify(r.host)},"tags":${tj}`;
  if (r.truncated) s += ',"truncated":true';
  if (c.compose) s += `,"compose":${JSON.stringify(c.compose)}`;
  if (c.k8s) s += `,"k8s":${JSON.stringify(c.k8s)}`;
  return s + '}';
}
