import type { ResolvedConfig } from '../config/types.js';
import type { ContainerInfo, LogRecord } from '../core/record.js';
import type { RouteStatus } from '../delivery/route.js';

/**
 * What the HTTP API reads from the running agent. `Agent` (src/runtime/agent.ts) satisfies it as is;
 * tests pass a small fake. The API only reads: the live stream subscribes to the record tap while it
 * has clients, and asks which routes take a line through `routesTaking`.
 */
export interface AgentView {
  readonly config: ResolvedConfig;
  readonly routes: ReadonlyMap<string, { readonly config: { readonly buffer: { readonly maxLines: number; readonly maxBytes: number } }; status(): RouteStatus }>;
  readonly containers: ReadonlyMap<string, ContainerStateView>;
  /** `kind`: which source runs (`source: auto` decides at start; undefined until then). */
  readonly source: { readonly connected: boolean; readonly apiVersion?: string | undefined; readonly kind?: 'docker' | 'kubernetes' | undefined };
  /** The routes of the current config that take this line (container match, stream, line filter). */
  routesTaking(rec: Pick<LogRecord, 'container' | 'source' | 'line'>): readonly string[];
  checkpointLag(c: ContainerStateView): number;
  /** Why checkpoints cannot be saved (state_dir not writable), or null; not ready while set. */
  readonly checkpointProblem?: string | null;
  /**
   * Every record read, after dispatch (host and tags set when a route took it), goes to `listener`
   * until the returned function is called. With no listener the hot path pays one null check.
   */
  tapRecords(listener: (rec: LogRecord) => void): () => void;
}

export interface ContainerStateView {
  readonly info: ContainerInfo;
  readonly attached: boolean;
  /** Pod log files only (kubernetes source): files open for reading with the next offset, and the acknowledged position. */
  readonly files?: readonly { readonly name: string; readonly offset: number }[];
  readonly checkpoint?: { readonly file: string; readonly offset: number } | null;
}

/** The reloader's report (src/runtime/reloader.ts `status()`). */
export interface ReloadView {
  status(): {
    hash: string;
    file: string;
    lastReload: { at: string | number; ok: boolean; summary?: string; errors?: string[] } | null;
  };
}
