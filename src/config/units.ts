/**
 * Durations and sizes as the config writes them. The schema's patterns guarantee the shape before
 * these run; they still reject anything else so a caller never gets NaN.
 */
const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

const DURATION_RE = /^(\d+)(ms|s|m|h)$/;
const SIZE_RE = /^(\d+)(B|KiB|MiB|GiB|KB|MB|GB)?$/;

/** `500ms`, `1s`, `5m`, `1h` → milliseconds. Throws RangeError on anything else. */
export function parseDuration(text: string): number {
  const m = DURATION_RE.exec(text);
  if (!m) throw new RangeError(`not a duration: expected a number followed by ms, s, m or h`);
  const ms = Number(m[1]) * DURATION_UNITS[m[2]!]!;
  if (!Number.isSafeInteger(ms)) throw new RangeError('duration too large');
  return ms;
}

/** `4096`, `512KiB`, `8MiB`, `1GB` (or a plain integer) → bytes. Throws RangeError on anything else. */
export function parseSize(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('size must be a whole number of bytes');
    return value;
  }
  const m = SIZE_RE.exec(value);
  if (!m) throw new RangeError('not a size: expected a number optionally followed by B, KiB, MiB, GiB, KB, MB or GB');
  const bytes = Number(m[1]) * SIZE_UNITS[m[2] ?? 'B']!;
  if (!Number.isSafeInteger(bytes)) throw new RangeError('size too large');
  return bytes;
}

/** Milliseconds → the largest unit that divides them exactly (`90000` → `90s`, `3600000` → `1h`). */
export function formatDuration(ms: number): string {
  for (const unit of ['h', 'm', 's'] as const) {
    const n = DURATION_UNITS[unit]!;
    if (ms !== 0 && ms % n === 0) return `${ms / n}${unit}`;
  }
  return `${ms}ms`;
}

/** Bytes → the largest binary unit that divides them exactly (`8388608` → `8MiB`). */
export function formatSize(bytes: number): string {
  for (const unit of ['GiB', 'MiB', 'KiB'] as const) {
    const n = SIZE_UNITS[unit]!;
    if (bytes !== 0 && bytes % n === 0) return `${bytes / n}${unit}`;
  }
  return String(bytes);
}
