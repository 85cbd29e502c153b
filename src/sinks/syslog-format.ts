/**
 * Syslog message formatting (pure; no I/O). RFC 5424:
 *   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG
 * RFC 3164 (BSD):
 *   <PRI>Mmm dd hh:mm:ss HOSTNAME TAG: MSG
 * and the two TCP framings of RFC 6587 (octet counting, newline).
 */
import type { LogRecord } from '../core/record.js';
import type { Template } from '../config/types.js';
import { escapeLine } from './text.js';
import { cutUtf8 } from '../util/utf8.js';
import { dockerTimeToMs, isDockerTime } from '../delivery/time.js';
import type { BodyWriter } from './body.js';
import { ContainerCache } from './container-cache.js';

export interface SyslogFormatOptions {
  readonly format: 'rfc5424' | 'rfc3164';
  readonly facility: number;
  readonly severityStdout: number;
  readonly severityStderr: number;
  readonly appName?: Template;
  readonly hostname?: Template;
  readonly structuredData: boolean;
  /** Newline framing: LF, CR and NUL inside MSG are escaped so one message stays one line. */
  readonly escapeNewlines: boolean;
}

/** A private enterprise number for our SD-ID, the one RFC 5424 uses in its own examples. */
export const SD_ID = 'sluice@32473';
/** RFC 3164 §4.1: the whole packet is at most 1024 bytes. */
export const RFC3164_MAX_BYTES = 1024;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A header field in printable US-ASCII (33..126) and at most `max` characters; anything else
 * becomes `_`, and an empty field is the NILVALUE `-`. Returns `s` itself when it is already valid.
 */
export function headerField(s: string, max: number): string {
  if (s.length === 0) return '-';
  let ok = s.length <= max;
  for (let i = 0; ok && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 33 || c > 126) ok = false;
  }
  if (ok) return s;
  let out = '';
  const n = Math.min(s.length, max);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    out += c < 33 || c > 126 ? '_' : s[i];
  }
  return out;
}

/** RFC 3164 TAG: at most 32 characters, letters and digits (plus `-`, `_`, `.`, which every parser accepts). */
export function tagField(s: string): string {
  let out = '';
  for (let i = 0; i < s.length && out.length < 32; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (alnum || c === 45 || c === 95 || c === 46) out += s[i];
  }
  return out || 'sluice';
}

/** An SD-PARAM value: `"`, `\` and `]` escaped (RFC 5424 §6.3.3); control bytes become spaces. */
export function sdValue(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c === 34 || c === 92 || c === 93) rep = '\\' + s[i];
    else if (c < 32 || c === 127) rep = ' ';
    if (rep === undefined) continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Docker's RFC3339Nano time cut to microseconds (TIME-SECFRAC allows at most 6 digits); `-` if malformed. */
export function rfc5424Time(t: string): string {
  const cut = secfracCut(t);
  if (cut < 0) return '-';
  return cut === t.length ? t : t.slice(0, SECFRAC_KEPT) + t.slice(cut);
}

/** Where a cut TIME-SECFRAC ends: the `.`, the seconds' 2 digits and 6 fraction digits. */
const SECFRAC_KEPT = 26;

/**
 * How `rfc5424Time` treats `t`: -1 when malformed (every character of a well-formed one is ASCII);
 * `t.length` when it is kept whole; otherwise the index of the first character after its fraction
 * digits, the time being `t[0..26)` followed by `t[cut..]`.
 */
function secfracCut(t: string): number {
  if (!isDockerTime(t)) return -1;
  if (t.charCodeAt(19) !== 0x2e) return t.length;
  let end = 20;
  while (end < t.length && t.charCodeAt(end) >= 48 && t.charCodeAt(end) <= 57) end++;
  return end - 20 <= 6 ? t.length : end;
}

/** `Mmm dd hh:mm:ss` (day space-padded) in the timestamp's own zone (Docker's is UTC). */
export function rfc3164Time(t: string): string {
  if (Number.isNaN(dockerTimeToMs(t))) return 'Jan  1 00:00:00';
  const month = MONTHS[Number(t.slice(5, 7)) - 1];
  const day = t[8] === '0' ? ' ' + t[9] : t.slice(8, 10);
  return `${month} ${day} ${t.slice(11, 19)}`;
}

/** What follows a message's timestamp up to its MSG, as text and as UTF-8. */
interface Rest {
  readonly text: string;
  readonly utf8: Buffer;
}

export class SyslogFormatter {
  readonly #o: SyslogFormatOptions;
  /** `<PRI>` and, for RFC 5424, the VERSION and its space: what comes before the timestamp. */
  readonly #startOut: string;
  readonly #startErr: string;
  readonly #startOutBytes: Buffer;
  readonly #startErrBytes: Buffer;
  /**
   * Everything between the timestamp and MSG (HOSTNAME, APP-NAME, PROCID, MSGID and SD, or
   * RFC 3164's HOSTNAME and TAG) depends only on the container, the host name and the stream: it is
   * made once per container and stream, not per line. Templates render from those three alone.
   */
  readonly #rests = new ContainerCache((r) => this.#makeRest(r));

  constructor(o: SyslogFormatOptions) {
    this.#o = o;
    const version = o.format === 'rfc5424' ? '1 ' : '';
    this.#startOut = `<${o.facility * 8 + o.severityStdout}>${version}`;
    this.#startErr = `<${o.facility * 8 + o.severityStderr}>${version}`;
    this.#startOutBytes = Buffer.from(this.#startOut, 'latin1');
    this.#startErrBytes = Buffer.from(this.#startErr, 'latin1');
  }

  /** The syslog message for one record, without transport framing. */
  format(r: LogRecord): string {
    const head = this.#head(r);
    const rest = this.#rest(r).text;
    const msg = this.#o.escapeNewlines ? escapeLine(r.line) : r.line;
    if (this.#o.format === 'rfc3164') return head + rest + cutUtf8(msg, RFC3164_MAX_BYTES - head.length - rest.length);
    return head + rest + msg;
  }

  /**
   * RFC 6587 octet counting into `out`: the same bytes as `frameOctetCounted(format(r))`, written as
   * pieces so that no message string is built and measured per line.
   */
  writeOctetCounted(r: LogRecord, out: BodyWriter): void {
    if (this.#o.format === 'rfc3164') {
      const m = this.format(r);
      out.write(`${Buffer.byteLength(m, 'utf8')} ${m}`);
      return;
    }
    const rest = this.#rest(r).utf8;
    const msg = this.#o.escapeNewlines ? escapeLine(r.line) : r.line;
    const start = this.#start(r);
    const minBytes = start.length + 1 + rest.length + msg.length;
    const at = out.beginCounted(minBytes);
    writeHeader(start, r.time, rest, out);
    out.write(msg);
    out.endCounted(at, minBytes);
  }

  /** RFC 6587 newline framing into `out`: the same bytes as `frameNewline(format(r))`. */
  writeNewlineFramed(r: LogRecord, out: BodyWriter): void {
    if (this.#o.format === 'rfc3164') {
      out.write(this.format(r));
    } else {
      writeHeader(this.#start(r), r.time, this.#rest(r).utf8, out);
      out.write(this.#o.escapeNewlines ? escapeLine(r.line) : r.line);
    }
    out.byte(0x0a);
  }

  /** `<PRI>` and VERSION, as bytes. */
  #start(r: LogRecord): Buffer {
    return r.source === 'stderr' ? this.#startErrBytes : this.#startOutBytes;
  }

  /** PRI (and VERSION) and TIMESTAMP. */
  #head(r: LogRecord): string {
    const start = r.source === 'stderr' ? this.#startErr : this.#startOut;
    return start + (this.#o.format === 'rfc3164' ? rfc3164Time(r.time) : rfc5424Time(r.time));
  }

  #rest(r: LogRecord): Rest {
    return this.#rests.get(r);
  }

  #makeRest(r: LogRecord): Rest {
    const o = this.#o;
    const ctx = { container: r.container, host: r.host, source: r.source };
    const host = o.hostname ? o.hostname.render(ctx) : r.host;
    const app = o.appName ? o.appName.render(ctx) : r.container.name;
    let text: string;
    if (o.format === 'rfc3164') text = ` ${headerField(host, 255)} ${tagField(app)}: `;
    else {
      const procid = headerField(r.container.id.slice(0, 12), 128);
      const sd = o.structuredData ? this.#sd(r) : '-';
      text = ` ${headerField(host, 255)} ${headerField(app, 48)} ${procid} - ${sd} `;
    }
    return { text, utf8: Buffer.from(text, 'utf8') };
  }

  #sd(r: LogRecord): string {
    const c = r.container;
    let base = `[${SD_ID} container_id="${sdValue(c.id)}" container_name="${sdValue(c.name)}" image="${sdValue(c.image)}"`;
    if (c.compose?.project) base += ` compose_project="${sdValue(c.compose.project)}"`;
    if (c.compose?.service) base += ` compose_service="${sdValue(c.compose.service)}"`;
    if (c.k8s?.namespace) base += ` k8s_namespace="${sdValue(c.k8s.namespace)}"`;
    if (c.k8s?.pod) base += ` k8s_pod="${sdValue(c.k8s.pod)}"`;
    if (c.k8s?.container) base += ` k8s_container="${sdValue(c.k8s.container)}"`;
    return `${base} source="${r.source}"${r.truncated ? ' truncated="true"' : ''}]`;
  }
}

/** An RFC 5424 message up to its MSG: `start` (PRI, VERSION), the time `t`, then `rest` (HOSTNAME … SD). */
function writeHeader(start: Buffer, t: string, rest: Buffer, out: BodyWriter): void {
  out.bytes(start);
  writeTime(t, secfracCut(t), out);
  out.bytes(rest);
}

/** `rfc5424Time(t)` written into `out`, given `cut = secfracCut(t)`. */
function writeTime(t: string, cut: number, out: BodyWriter): void {
  if (cut < 0) out.byte(0x2d);
  else if (cut === t.length) out.latin1(t);
  else {
    out.latin1(t, SECFRAC_KEPT);
    if (cut === t.length - 1) out.byte(t.charCodeAt(cut));
    else out.latin1(t.slice(cut));
  }
}

/** RFC 6587 octet counting: `MSG-LEN SP MSG`, the length in bytes. Any byte may appear in MSG. */
export function frameOctetCounted(msg: string): string {
  return `${Buffer.byteLength(msg, 'utf8')} ${msg}`;
}

/** RFC 6587 non-transparent framing; MSG must already be escaped (`escapeNewlines`). */
export function frameNewline(msg: string): string {
  return msg + '\n';
}
