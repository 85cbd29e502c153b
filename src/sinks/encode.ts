import type { ContainerInfo, LogRecord } from '../core/record.js';
import type { BodyWriter } from './body.js';
import { ContainerCache } from './container-cache.js';

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
const tails = new ContainerCache(makeTail);

/**
 * `JSON.stringify(recordToJson(r))`, byte for byte, without re-serialising the container's metadata
 * and tags on every line (the hot path of every JSON destination).
 */
export function recordJsonText(r: LogRecord): string {
  return `{"time":${JSON.stringify(r.time)},"line":${JSON.stringify(r.line)}${tails.get(r)}`;
}

/**
 * `recordJsonText(r)` written as UTF-8 into `out`, in three pieces: only the time and the line are
 * serialised per line; everything after them comes from the container's cached tail. No string of the
 * whole record is built (it would be a rope flattened again by the write).
 */
export function writeRecordJson(r: LogRecord, out: BodyWriter): void {
  out.write(`{"time":${JSON.stringify(r.time)},"line":`);
  out.write(JSON.stringify(r.line));
  out.write(tails.get(r));
}

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
