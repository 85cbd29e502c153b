/**
 * Cutting UTF-8 without splitting a character: the one implementation, for the Docker line splitter
 * (docker/lines.ts: a line over max_line_bytes) and the sinks (a destination's size limit).
 */

/**
 * The cut point at or before `pos` that does not split a UTF-8 character of `b`, never below
 * `floor`: steps back over at most 3 continuation bytes (10xxxxxx) so the character whose bytes
 * `pos` would split is left out whole. `b[pos]` must exist. On invalid UTF-8 it may cut up to 3
 * bytes early, which only drops bytes that would have decoded as U+FFFD.
 */
export function cutAtCharBoundary(b: Buffer, pos: number, floor: number): number {
  const stop = pos - 3 > floor ? pos - 3 : floor;
  let c = pos;
  while (c > stop && (b[c]! & 0xc0) === 0x80) c -= 1;
  return c;
}

/**
 * The longest prefix of `buf` that is at most `maxBytes` long and ends on a UTF-8 character
 * boundary (a subarray, no copy). Never returns a broken multi-byte sequence.
 */
export function cutUtf8Buffer(buf: Buffer, maxBytes: number): Buffer {
  if (buf.length <= maxBytes) return buf;
  return buf.subarray(0, cutAtCharBoundary(buf, Math.max(0, maxBytes), 0));
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
