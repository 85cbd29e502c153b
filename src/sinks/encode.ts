import type { LogRecord } from '../core/record.js';

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
