/**
 * Generated container logs for the ack/resume properties: records of both streams in log-file order,
 * each stream's timestamps non-decreasing (often equal), the two streams' clocks disagreeing by up to
 * SKEW_MS, like Docker's stdout/stderr copiers (see reference/ecosystem.md §3.3).
 */
import fc from 'fast-check';
import type { Stream } from '../../src/core/record.js';
import type { StreamCheckpoints } from '../../src/delivery/acks.js';
import { ReadCursor } from '../../src/docker/cursor.js';
import { compareDockerTime, formatDockerTime } from '../../src/delivery/time.js';

export interface TraceRecord {
  readonly i: number;
  readonly stream: Stream;
  readonly time: string;
}

/** Well under the tracker's default cross-stream skew (1 s). */
export const SKEW_MS = 500;

const BASE_MS = 1_700_000_000_000;

export const traceArb = (maxLength = 60): fc.Arbitrary<TraceRecord[]> =>
  fc
    .array(
      fc.record({
        stream: fc.constantFrom<Stream>('stdout', 'stderr'),
        // Steps of 100 ms; 0 (equal timestamps) is common, 3 s jumps make one stream idle for a while.
        gap: fc.constantFrom(0, 0, 0, 1, 2, 30),
        jitter: fc.integer({ min: 0, max: SKEW_MS / 100 }),
        ns: fc.constantFrom(0, 0, 1, 999_999),
      }),
      { maxLength },
    )
    .map((steps) => {
      let clock = 0; // 100 ms units
      const last: Record<Stream, number> = { stdout: -Infinity, stderr: -Infinity };
      const lastNs: Record<Stream, number> = { stdout: 0, stderr: 0 };
      return steps.map((s, i) => {
        clock += s.gap;
        const u = Math.max(last[s.stream], clock - s.jitter);
        const ns = u === last[s.stream] ? lastNs[s.stream] : s.ns;
        last[s.stream] = u;
        lastNs[s.stream] = ns;
        const ms = BASE_MS + u * 100;
        return { i, stream: s.stream, time: formatDockerTime({ sec: Math.floor(ms / 1000), nsec: (ms % 1000) * 1_000_000 + ns }) };
      });
    });

/** What a restart from `cps` re-delivers out of `log`: the logs API from `since`, then the read cursor. */
export function replay(log: readonly TraceRecord[], cps: StreamCheckpoints): TraceRecord[] {
  const c = new ReadCursor(cps);
  const since = c.sinceTime();
  return log.filter((r) => (since === undefined || compareDockerTime(r.time, since) >= 0) && c.admit(r.stream, r.time));
}

/** Records in the longest prefix (per stream, in log order) whose every record satisfies `done`. */
export function ackedPrefix(log: readonly TraceRecord[], done: (r: TraceRecord) => boolean): Set<number> {
  const out = new Set<number>();
  const broken: Record<Stream, boolean> = { stdout: false, stderr: false };
  for (const r of log) {
    if (broken[r.stream]) continue;
    if (done(r)) out.add(r.i);
    else broken[r.stream] = true;
  }
  return out;
}
