/**
 * Docker timestamps as text. Docker sends RFC3339Nano in UTC with the fraction zero-padded to nine
 * digits (`2026-11-24T07:49:40.934944106Z`), so two such strings compare correctly as strings — the
 * hot path relies on that. Anything else (a shorter fraction, no fraction, an offset such as a
 * checkpoint written by hand or a `Date#toISOString()` floor) goes through the slow, exact path:
 * whole seconds from `Date.parse` plus nanoseconds from the fraction. A JS Date alone keeps only
 * milliseconds and a float epoch only about microseconds, hence the (seconds, nanoseconds) pair.
 */

/** Length of `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. */
const CANONICAL_LENGTH = 30;

function canonical(t: string): boolean {
  return t.length === CANONICAL_LENGTH && t.charCodeAt(29) === 90 /* Z */ && t.charCodeAt(19) === 46; /* . */
}

export interface DockerInstant {
  /** Whole seconds since the Unix epoch (may be negative before 1970). */
  readonly sec: number;
  /** 0..999,999,999. */
  readonly nsec: number;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9})\d*)?(Z|[+-]\d{2}:\d{2})$/i;

/** Parses an RFC3339(Nano) timestamp exactly. Throws on text that is not one. */
export function parseDockerTime(t: string): DockerInstant {
  const m = RFC3339.exec(t);
  if (!m) throw new Error(`not an RFC3339 timestamp: ${JSON.stringify(t)}`);
  const ms = Date.parse(`${m[1]}${m[3]!.toUpperCase()}`);
  if (Number.isNaN(ms)) throw new Error(`not an RFC3339 timestamp: ${JSON.stringify(t)}`);
  const frac = m[2] ?? '';
  return { sec: Math.floor(ms / 1000), nsec: frac === '' ? 0 : Number(frac.padEnd(9, '0')) };
}

/**
 * `t` in canonical form (UTC, nine fraction digits). Podman stamps log lines to the whole second
 * (`2026-11-24T07:49:40Z`): made canonical (`…:40.000000000Z`) on reading, every later comparison
 * stays a string compare and every record carries one format. Text that is no timestamp is returned
 * as it is.
 */
export function canonicalDockerTime(t: string): string {
  if (canonical(t)) return t;
  try {
    return formatDockerTime(parseDockerTime(t));
  } catch {
    return t;
  }
}

/** Orders two Docker timestamps: negative, zero or positive like a sort comparator. */
export function compareDockerTime(a: string, b: string): number {
  if (a === b) return 0;
  if (canonical(a) && canonical(b)) return a < b ? -1 : 1;
  const x = parseDockerTime(a);
  const y = parseDockerTime(b);
  return x.sec !== y.sec ? (x.sec < y.sec ? -1 : 1) : x.nsec === y.nsec ? 0 : x.nsec < y.nsec ? -1 : 1;
}

/** The logs API `since` parameter: `<unix seconds>.<9-digit nanoseconds>` (moby parses this form exactly). */
export function toSince(time: string): string {
  const { sec, nsec } = parseDockerTime(time);
  return `${sec}.${String(nsec).padStart(9, '0')}`;
}

/**
 * For lag metrics and sinks that want milliseconds (hence by hand and regex-free: once per line on
 * the send path).
 */
function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Milliseconds since the epoch from an RFC 3339 timestamp such as Docker's
 * `2024-01-02T03:04:05.123456789Z` (any number of fractional digits, `Z` or `±hh:mm`).
 * Parsed by hand: `Date.parse` is not specified for more than 3 fractional digits.
 * The fraction is truncated to milliseconds (never rounded up into the next second). NaN when malformed.
 */
export function dockerTimeToMs(s: string): number {
  if (s.length < 20 || s[4] !== '-' || s[7] !== '-' || (s[10] !== 'T' && s[10] !== 't') || s[13] !== ':' || s[16] !== ':') return NaN;
  const base = Date.UTC(digits(s, 0, 4), digits(s, 5, 2) - 1, digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2));
  let i = 19;
  let ms = 0;
  if (s[i] === '.') {
    i++;
    let scale = 100;
    while (i < s.length) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
      i++;
    }
    ms = Math.floor(ms);
  }
  const z = s[i];
  if (z === 'Z' || z === 'z') return i + 1 === s.length ? base + ms : NaN;
  if ((z === '+' || z === '-') && s.length === i + 6 && s[i + 3] === ':') {
    const off = (digits(s, i + 1, 2) * 60 + digits(s, i + 4, 2)) * 60_000;
    return base + ms - (z === '+' ? off : -off);
  }
  return NaN;
}

/**
 * Whether `dockerTimeToMs(s)` is a number, without computing it: the same shape checks and no date
 * arithmetic (Date.UTC never fails on a 4-digit year: out-of-range fields roll over, they are not
 * errors). For sinks that copy a valid time as it is: Date.UTC alone cost ~0.1 µs a line.
 */
export function isDockerTime(s: string): boolean {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a) return false;
  const t = s.charCodeAt(10);
  if (t !== 0x54 && t !== 0x74) return false;
  if (!isDigits(s, 0, 4) || !isDigits(s, 5, 2) || !isDigits(s, 8, 2) || !isDigits(s, 11, 2) || !isDigits(s, 14, 2) || !isDigits(s, 17, 2)) return false;
  let i = 19;
  if (s.charCodeAt(i) === 0x2e) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
  }
  const z = s.charCodeAt(i);
  if (z === 0x5a || z === 0x7a) return i + 1 === n;
  return (z === 0x2b || z === 0x2d) && n === i + 6 && s.charCodeAt(i + 3) === 0x3a && isDigits(s, i + 1, 2) && isDigits(s, i + 4, 2);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isDigits(s: string, from: number, n: number): boolean {
  for (let i = from; i < from + n; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/**
 * ms since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`: what `Date#toISOString()` gives, without calling
 * it for years 0-9999. V8's toISOString looks up the local time zone and its display name first, and
 * the first lookup loads ICU's zone data and formatters, which stay resident: +1.2 MB of RSS on Node 24
 * (a bare process, with and without one call). The UTC getters need no time zone. Other years, and an
 * invalid time (RangeError), go to toISOString.
 */
export function isoUtc(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (!(y >= 0 && y <= 9999)) return d.toISOString();
  return `${String(y).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats an instant as canonical Docker RFC3339Nano (UTC, nine fraction digits). */
export function formatDockerTime(i: DockerInstant): string {
  const iso = isoUtc(i.sec * 1000); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${iso.slice(0, 19)}.${String(i.nsec).padStart(9, '0')}Z`;
}

/** An instant in ms since the epoch (a clock's `now()`) as canonical Docker RFC3339Nano. */
export function msToDockerTime(ms: number): string {
  const whole = Math.floor(ms);
  return formatDockerTime({ sec: Math.floor(whole / 1000), nsec: (whole % 1000) * 1e6 });
}

/** `time` moved by `ms` whole milliseconds (negative = earlier), in canonical form. */
export function shiftDockerTime(time: string, ms: number): string {
  const { sec, nsec } = parseDockerTime(time);
  const whole = Math.trunc(ms);
  let s = sec + Math.trunc(whole / 1000);
  let n = nsec + (whole % 1000) * 1_000_000;
  if (n < 0) {
    n += 1_000_000_000;
    s -= 1;
  } else if (n >= 1_000_000_000) {
    n -= 1_000_000_000;
    s += 1;
  }
  return formatDockerTime({ sec: s, nsec: n });
}
