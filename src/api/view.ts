import type { ResolvedConfig } from '../config/types.js';
import type { ContainerInfo, LogRecord } from '../core/record.js';
import type { RouteStatus } from '../delivery/route.js';
import type { RouteTable } from '../routing/table.js';

/**
 * What the HTTP API reads from the running agent. `Agent` (src/runtime/agent.ts) satisfies it as is;
 * tests pass a small fake. The API only reads, except `onRecord`, which the live stream sets while it
 * has clients and clears when the last one leaves.
 */
export interface AgentView {
  readonly config: ResolvedConfig;
  readonly routes: ReadonlyMap<string, { readonly config: { readonly buffer: { readonly maxLines: number; readonly maxBytes: number } }; status(): RouteStatus }>;
  readonly containers: ReadonlyMap<string, ContainerStateView>;
  readonly source: { readonly connected: boolean; readonly apiVersion?: string | undefined };
  readonly router: { readonly table: Pick<RouteTable, 'plan'> };
  checkpointLag(c: ContainerStateView): number;
  /** Why checkpoints cannot be saved (state_dir not writable), or null; not ready while set. */
  readonly checkpointProblem?: string | null;
  onRecord: ((rec: LogRecord) => void) | null;
}

export interface ContainerStateView {
  readonly info: ContainerInfo;
  readonly attached: boolean;
}

/** The reloader's report (src/runtime/reloader.ts `status()`). */
export interface ReloadView {
  status(): {
    hash: string;
    file: string;
    lastReload: { at: string | number; ok: boolean; summary?: string; errors?: string[] } | null;
  };
}
