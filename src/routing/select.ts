import type { ResolvedConfig } from '../config/types.js';
import type { ContainerInfo } from '../core/record.js';
import { containerFailure, hasContainerConditions } from './match.js';

/** The label that opts a container in (`true`, with `containers.opt_in`) or out (`false`, always). */
export const ENABLE_LABEL = 'sluice.enable';

export interface Selection {
  readonly collect: boolean;
  /** Why, as a sentence fragment for logs and `sluice explain`. */
  readonly reason: string;
}

/**
 * Whether sluice reads a container's logs at all, before any route is considered. Checked in this
 * order, the first that decides wins:
 * 1. sluice's own container (`selfId`, full id or a prefix of at least 12 hex digits, as in
 *    `$HOSTNAME`) is never collected, so a console or syslog route cannot feed back into itself;
 * 2. `LOGSPOUT=ignore` as a label or in the environment (logspout's convention) opts out;
 * 3. the label `sluice.enable=false` opts out, whatever else is configured;
 * 4. with `containers.opt_in: true`, only containers labelled `sluice.enable=true` are collected;
 * 5. a container matching `containers.exclude` is not collected (its `source` key, a per-record
 *    property, is ignored here: a container is collected or not as a whole; an exclude with no other
 *    key excludes nothing).
 */
export function selectContainer(info: ContainerInfo, cfg: ResolvedConfig['containers'], selfId?: string): Selection {
  if (selfId && isSelf(info.id, selfId)) return { collect: false, reason: 'it is sluice itself' };
  if (info.labels['LOGSPOUT']?.toLowerCase() === 'ignore') return { collect: false, reason: 'label LOGSPOUT=ignore' };
  if (info.logspoutIgnore) return { collect: false, reason: 'environment LOGSPOUT=ignore' };
  const enable = info.labels[ENABLE_LABEL]?.trim().toLowerCase();
  if (enable === 'false') return { collect: false, reason: `label ${ENABLE_LABEL}=false` };
  if (cfg.optIn && enable !== 'true') {
    return { collect: false, reason: `containers.opt_in is true and the container is not labelled ${ENABLE_LABEL}=true` };
  }
  if (cfg.exclude && hasContainerConditions(cfg.exclude) && containerFailure(cfg.exclude, info, 'containers.exclude') === null) {
    return { collect: false, reason: 'it matches containers.exclude' };
  }
  if (cfg.optIn) return { collect: true, reason: `label ${ENABLE_LABEL}=true (containers.opt_in)` };
  return { collect: true, reason: enable === 'true' ? `label ${ENABLE_LABEL}=true` : 'every container is collected unless excluded' };
}

function isSelf(id: string, selfId: string): boolean {
  const s = selfId.toLowerCase();
  return s.length >= 12 ? id.startsWith(s) : id === s;
}
