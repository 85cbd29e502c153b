import type { Clock } from '../util/clock.js';
import type { Pattern } from '../config/types.js';
import { ackList, retainAll, settleAll, type LogRecord, type Stream } from '../core/record.js';

export interface GroupRule {
  readonly start: Pattern;
  readonly maxLines: number;
  readonly timeoutMs: number;
}

interface Group {
  readonly id: string;
  readonly source: Stream;
  parts: LogRecord[];
  /** Clock time of the newest line; the timer re-arms itself until `last + timeoutMs` has passed. */
  last: number;
  timeoutMs: number;
  cancel: (() => void) | null;
}

/**
 * Multiline joining for one route, per container and stream. A group starts at a line matching the
 * start pattern; following non-matching lines join it with `\n`. It is emitted when the next start
 * line arrives, when it reaches `maxLines`, when `timeoutMs` passes without a new line, when the
 * container exits (`flushContainer`) and on shutdown or route retirement (`flushAll`). A line that
 * arrives while no group is open and does not start one passes through alone.
 *
 * Acknowledgement: a line held here must not be acknowledged before its route has it, yet the
 * dispatcher settles its own hold right after `dispatch` returns. So a held line is retained once
 * when it joins a group, and that hold is settled right after the joined record has been offered
 * (the route retains what it accepts during `offer`, so the count never touches zero in between).
 *
 * The joined record carries the first line's time, host and tags, every constituent's acks, and
 * `truncated` when any part was. A group of one line is emitted as the original record (no copy).
 * One timer per open group, re-armed lazily, instead of one per line: the hot path allocates only
 * the slot in `parts`.
 */
export class Multiline {
  readonly #groups = new Map<string, [Group | null, Group | null]>();
  readonly #emit: (r: LogRecord) => void;
  readonly #clock: Clock;

  constructor(emit: (r: LogRecord) => void, clock: Clock) {
    this.#emit = emit;
    this.#clock = clock;
  }

  push(rec: LogRecord, rule: GroupRule): void {
    const id = rec.container.id;
    let slots = this.#groups.get(id);
    const i = rec.source === 'stdout' ? 0 : 1;
    const open = slots ? slots[i] : null;
    const isStart = rule.start.test(rec.line);
    if (open) {
      if (isStart) {
        this.#flush(open, slots!, i);
      } else {
        retainAll(rec);
        open.parts.push(rec);
        open.last = this.#clock.now();
        if (open.parts.length >= rule.maxLines) this.#flush(open, slots!, i);
        return;
      }
    } else if (!isStart) {
      this.#emit(rec);
      return;
    }
    if (rule.maxLines <= 1) {
      this.#emit(rec);
      return;
    }
    if (!slots) {
      slots = [null, null];
      this.#groups.set(id, slots);
    }
    retainAll(rec);
    const g: Group = { id, source: rec.source, parts: [rec], last: this.#clock.now(), timeoutMs: rule.timeoutMs, cancel: null };
    slots[i] = g;
    this.#arm(g, rule.timeoutMs);
  }

  /** Emits the open groups of a container (it exited) and forgets it. */
  flushContainer(id: string): void {
    const slots = this.#groups.get(id);
    if (!slots) return;
    for (const i of [0, 1] as const) {
      const g = slots[i];
      if (g) this.#flush(g, slots, i);
    }
    this.#groups.delete(id);
  }

  /** Emits every open group (shutdown, route retired). */
  flushAll(): void {
    for (const id of [...this.#groups.keys()]) this.flushContainer(id);
  }

  /** Open groups, for tests and /status. */
  get pending(): number {
    let n = 0;
    for (const s of this.#groups.values()) n += (s[0] ? 1 : 0) + (s[1] ? 1 : 0);
    return n;
  }

  #arm(g: Group, ms: number): void {
    g.cancel = this.#clock.setTimer(ms, () => {
      g.cancel = null;
      const slots = this.#groups.get(g.id);
      const i = g.source === 'stdout' ? 0 : 1;
      if (!slots || slots[i] !== g) return;
      const left = g.last + g.timeoutMs - this.#clock.now();
      if (left > 0) this.#arm(g, left);
      else this.#flush(g, slots, i);
    });
  }

  #flush(g: Group, slots: [Group | null, Group | null], i: 0 | 1): void {
    slots[i] = null;
    if (g.cancel) {
      g.cancel();
      g.cancel = null;
    }
    const parts = g.parts;
    this.#emit(parts.length === 1 ? parts[0]! : join(parts));
    // Settle this stage's hold only after the route had its chance to retain (see the class comment).
    for (const p of parts) settleAll(p);
  }
}

function join(parts: LogRecord[]): LogRecord {
  const first = parts[0]!;
  let line = first.line;
  let truncated = first.truncated;
  const acks = ackList(first).slice();
  for (let k = 1; k < parts.length; k++) {
    const p = parts[k]!;
    line += '\n' + p.line;
    truncated ||= p.truncated;
    for (const a of ackList(p)) acks.push(a);
  }
  return { time: first.time, line, source: first.source, container: first.container, host: first.host, tags: first.tags, truncated, acks };
}
