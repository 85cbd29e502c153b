/**
 * Podman's TTY piece marks. On a TTY container Podman's logs API sends one raw stream; a line that
 * conmon stored in pieces (the program wrote it in parts, or the terminal delivered it so: seen for
 * `echo`'s own `\r\n`) carries the next piece's whole-second timestamp and a space in the middle:
 * `tty-43` + `2026-12-02T02:46:03Z ` + `\r\n` arrives as `tty-432026-12-02T02:46:03Z `. Docker never
 * sends this form (its marks have nanoseconds and come only every 16 KiB, handled by the reader).
 *
 * A mark is never at the start of a line (a piece has at least one byte) and is never older than
 * the line's own time, so only such stamps are removed. A program that prints, in the middle of a
 * line, a whole-second UTC stamp of the current time in exactly this form loses it (docs/podman.md).
 */
const MARK = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) /g;

/** `line` without Podman's piece marks; `time` is the line's canonical time (`…:SS.000000000Z`). */
export function joinPodmanTtyPieces(line: string, time: string): string {
  // Cheap test first: most lines have no "Z " at all.
  if (line.length < 22 || line.indexOf('Z ', 20) < 0) return line;
  const floor = time.slice(0, 19); // YYYY-MM-DDTHH:MM:SS
  return line.replace(MARK, (m: string, stamp: string, offset: number) => (offset > 0 && stamp.slice(0, 19) >= floor ? '' : m));
}
