import type { ResolvedConfig } from '../config/types.js';
import type { ContainerInfo } from '../core/record.js';
import { selectContainer, type Selection } from './select.js';
import { routeVerdict, routesFromLabel, type RouteVerdict } from './verdict.js';

/** What `sluice explain` reports for one container; the same functions the running router uses. */
export interface Explanation {
  readonly info: ContainerInfo;
  readonly selection: Selection;
  readonly verdicts: readonly RouteVerdict[];
}

export function explainContainer(config: Pick<ResolvedConfig, 'containers' | 'routes'>, info: ContainerInfo, selfId?: string): Explanation {
  const allowed = routesFromLabel(info);
  return {
    info,
    selection: selectContainer(info, config.containers, selfId),
    verdicts: config.routes.map((r) => routeVerdict(r, info, allowed)),
  };
}

/**
 * Plain text for a terminal, one route per line:
 *
 *     container  api-1 (3f2a9c0d1b7e)
 *     image      myorg/api:1.4
 *     collected  yes: every container is collected unless excluded
 *     routes     1 of 2 match
 *       match  mezmo  stdout, stderr
 *       skip   siem   match.labels.audit: the container has no label "audit"
 */
export function formatExplanation(e: Explanation): string {
  const { info, selection, verdicts } = e;
  const out: string[] = [];
  const k = info.k8s;
  // A pod log file's container has no Docker id: its namespace/pod and restart say which it is.
  if (info.logDriver === 'cri' && k !== undefined) out.push(`container  ${info.name} (pod ${k.namespace}/${k.pod}, restart ${k.restart ?? 0})`);
  else out.push(`container  ${info.name} (${info.id.slice(0, 12)})`);
  out.push(`image      ${info.image}`);
  out.push(`collected  ${selection.collect ? 'yes' : 'no'}: ${selection.reason}`);
  const matched = verdicts.filter((v) => v.failure === null).length;
  out.push(`routes     ${matched} of ${verdicts.length} match${selection.collect ? '' : ' (but the container is not collected, so none receives its logs)'}`);
  const width = Math.max(0, ...verdicts.map((v) => v.route.length));
  for (const v of verdicts) {
    const name = v.route.padEnd(width);
    if (v.failure === null) {
      const streams = v.stdout && v.stderr ? 'stdout, stderr' : (v.note ?? (v.stdout ? 'stdout only' : 'stderr only'));
      out.push(`  match  ${name}  ${streams}`);
    } else {
      out.push(`  skip   ${name}  ${v.failure}`);
    }
  }
  return out.join('\n') + '\n';
}
