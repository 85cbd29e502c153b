/**
 * Small text helpers shared by the sinks: UTF-8-safe cutting, one-line escaping, Docker timestamps.
 * All of them are allocation-light and regex-free, because they run once per line on the send path.
 */

/** True for a UTF-8 continuation byte (10xxxxxx): a cut before it would split a character. */
function isContinuation(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

/**
 * The longest prefix of `buf` that is at most `maxBytes` long and ends on a UTF-8 character
 * boundary (a subarray, no copy). Never returns a broken multi-byte sequence.
 */
export function cutUtf8Buffer(buf: Buffer, maxBytes: number): Buffer {
  if (buf.length <= maxBytes) return buf;
  let end = Math.max(0, maxBytes);
  while (end > 0 && isContinuation(buf[end]!)) end--;
  return buf.subarray(0, end);
}

/**
 * `s` cut to at most `maxBytes` UTF-8 bytes on a character boundary. Returns `s` itself (no copy)
 * when it already fits; the fast path checks the UTF-16 length first (a string of n code units
 * never takes more than 3n bytes).
 */
export function cutUtf8(s: string, maxBytes: number): string {
  if (s.length * 3 <= maxBytes) return s;
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= maxBytes) return s;
  return cutUtf8Buffer(buf, maxBytes).toString('utf8');
}

/**
 * Escapes what would end or corrupt a line-framed message: LF, CR and NUL become `\n`, `\r`, `\0`,
 * and a backslash is doubled only when the line needed escaping at all (so ordinary lines pass
 * through untouched and unallocated). One record stays one line.
 */
export function escapeLine(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0) break;
  }
  if (i === s.length) return s;
  let out = '';
  let from = 0;
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    let rep: string | undefined;
    if (c === 10) rep = '\\n';
    else if (c === 13) rep = '\\r';
    else if (c === 0) rep = '\\0';
    else if (c === 92) rep = '\\\\';
    if (rep === undefined) continue;
    out += s.slice(from, j) + rep;
    from = j + 1;
  }
  return out + s.slice(from);
}

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
export function rfc3339ToMs(s: string): number {
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
