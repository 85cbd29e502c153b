/**
 * What the pod log source needs from the runtime, and what it shows back: the parts of the
 * source seam (core/source.ts: SourceContext, FollowedView, Lifecycle) it uses, plus its files.
 */
import type { Backfill } from '../config/types.js';
import type { ContainerInfo, LogRecord } from '../core/record.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { Clock } from '../util/clock.js';
import type { Events } from '../telemetry/events.js';

/**
 * What happened to a followed container (the same three calls as core/source.ts's seam):
 * `ended` its stream ended for good (read to its end after the container exited or the pod went,
 * or no longer selected) — its acks may still settle; `removed` its pod directory is gone;
 * `renamed` its metadata changed (pod labels arrived): routing matches it again.
 */
export type Lifecycle = 'ended' | 'removed' | 'renamed';

/** What the runtime gives this source: the fields of core/source.ts's SourceContext it uses. */
export interface KubernetesSourceContext {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock: Clock;
  /** Named attach/detach events (log + count); absent in small test contexts. */
  readonly events?: Events;
  /** `containers.*`: is this container collected (sluice.enable, opt_in, exclude)? */
  select(info: ContainerInfo): boolean;
  /** `containers.backfill`: for runs that existed before sluice first ran. */
  backfill(): Backfill;
  /** One line as a record; routed synchronously. The source settles its own hold when it returns. */
  emit(rec: LogRecord): void;
  lifecycle(containerId: string, what: Lifecycle, info: ContainerInfo): void;
}

/** A followed container run as /status and /metrics see it (core/source.ts FollowedView, plus files). */
export interface FollowedRun {
  readonly info: ContainerInfo;
  readonly attached: boolean;
  lagSeconds(nowMs: number): number;
  /** Files open for reading, oldest first, with the next byte to read. */
  readonly files: readonly { name: string; offset: number }[];
  /** Where a restart resumes (the acknowledged position), or null before any line. */
  readonly checkpoint: { file: string; offset: number } | null;
}
