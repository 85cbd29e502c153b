/**
 * The unit that travels Docker → source → router → route → sink.
 *
 * Guarantees:
 * - `time` is Docker's RFC3339Nano timestamp exactly as the daemon sent it (9 fractional digits,
 *   zero padded, `Z`). It is never re-parsed into a Date on the hot path: a Date keeps milliseconds only.
 * - `line` is valid UTF-16 text: invalid UTF-8 from the container became U+FFFD. It never contains
 *   the terminating `\n` (nor a `\r` right before it). It may contain any other control byte; sinks
 *   escape what their framing needs.
 * - `acks` covers every source line this record stands for (one, or several after multiline joining);
 *   the route that owns the record settles each of them exactly once.
 */
export type Stream = 'stdout' | 'stderr';

export interface ContainerInfo {
  /** Full 64-hex container id. */
  readonly id: string;
  /** Name without Docker's leading slash. */
  readonly name: string;
  /** Image as the container was created from (`Config.Image`). */
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The container's own hostname (`Config.Hostname`). */
  readonly hostname: string;
  readonly tty: boolean;
  /** Log driver (`HostConfig.LogConfig.Type`), for messages only. */
  readonly logDriver: string;
  /** `LOGSPOUT=ignore` is in the container's environment (the env itself is never kept). */
  readonly logspoutIgnore: boolean;
  readonly compose?: { readonly project?: string; readonly service?: string };
  /**
   * Kubernetes metadata: from Docker's `io.kubernetes.*` labels, or (the pod log file source) from
   * the file's path `<namespace>_<pod>_<pod_uid>/<container>/<restart>.log`.
   */
  readonly k8s?: {
    readonly namespace?: string;
    readonly pod?: string;
    readonly container?: string;
    readonly pod_uid?: string;
    readonly restart?: number;
  };
}

/**
 * One entry of an AckTracker: the `seq`-th line read from (container, stream) in this process.
 * Settling it tells the tracker that one more route is done with it.
 */
export interface AckRef {
  readonly tracker: AckSink;
  readonly stream: Stream;
  readonly seq: number;
}

/**
 * Reference counting of a source line, implemented by delivery/acks.ts. A line starts with one hold
 * (the dispatcher's); each route that takes it calls `retain` once, and later `settle` once
 * (delivered, or dropped by policy); the dispatcher settles its own hold after dispatch. A line is
 * acknowledged when its count reaches zero.
 */
export interface AckSink {
  retain(stream: Stream, seq: number): void;
  settle(stream: Stream, seq: number): void;
}

export interface LogRecord {
  readonly time: string;
  line: string;
  readonly source: Stream;
  readonly container: ContainerInfo;
  /** The host name (config `hostname`, rendered for this container). */
  host: string;
  /** Global + route + container-label tags, rendered. */
  tags: readonly string[];
  /** True when the line was cut at `max_line_bytes` (or by a sink's own limit). */
  truncated: boolean;
  /**
   * Source lines this record stands for: one AckRef (a line as read: no array, the common case), or
   * several after multiline joining. Read it with `ackList` off the hot path.
   */
  acks: AckRef | readonly AckRef[];
}

/** No tags: the one empty list a record starts with (the router gives it its routes' tags). */
export const NO_TAGS: readonly string[] = Object.freeze([]);

/** UTF-8 byte length of a record's line, used for buffer and batch accounting. */
export function recordBytes(r: LogRecord): number {
  return Buffer.byteLength(r.line, 'utf8');
}

/** The source lines a record stands for, as a list. */
export function ackList(r: Pick<LogRecord, 'acks'>): readonly AckRef[] {
  const a = r.acks;
  return isAckList(a) ? a : [a];
}

function isAckList(a: AckRef | readonly AckRef[]): a is readonly AckRef[] {
  return Array.isArray(a);
}

export function retainAll(r: LogRecord): void {
  const acks = r.acks;
  if (!isAckList(acks)) acks.tracker.retain(acks.stream, acks.seq);
  else for (const a of acks) a.tracker.retain(a.stream, a.seq);
}

export function settleAll(r: LogRecord): void {
  const acks = r.acks;
  if (!isAckList(acks)) acks.tracker.settle(acks.stream, acks.seq);
  else for (const a of acks) a.tracker.settle(a.stream, a.seq);
}
