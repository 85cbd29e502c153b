import type { ContainerInfo } from '../core/record.js';

/** The parts of `GET /containers/{id}/json` sluice reads (dockerode's ContainerInspectInfo fits). */
export interface InspectLike {
  Id: string;
  Name: string;
  Created?: string;
  Config: { Image: string; Labels?: Record<string, string> | null; Hostname?: string; Tty?: boolean; Env?: string[] | null };
  HostConfig?: { LogConfig?: { Type?: string } };
  State?: { Running?: boolean; StartedAt?: string; FinishedAt?: string; Status?: string };
}

/**
 * Builds the immutable container metadata records carry. The environment is read only for
 * `LOGSPOUT=ignore` and then dropped: it may hold secrets and must never reach a log or a sink.
 */
export function containerInfoFromInspect(i: InspectLike): ContainerInfo {
  const labels = i.Config.Labels ?? {};
  const env = i.Config.Env ?? [];
  const project = labels['com.docker.compose.project'];
  const service = labels['com.docker.compose.service'];
  const ns = labels['io.kubernetes.pod.namespace'];
  const pod = labels['io.kubernetes.pod.name'];
  const kc = labels['io.kubernetes.container.name'];
  return Object.freeze({
    id: i.Id,
    name: i.Name.startsWith('/') ? i.Name.slice(1) : i.Name,
    image: i.Config.Image,
    labels: Object.freeze({ ...labels }),
    hostname: i.Config.Hostname ?? '',
    tty: Boolean(i.Config.Tty),
    logDriver: i.HostConfig?.LogConfig?.Type ?? 'json-file',
    logspoutIgnore: env.some((e) => e === 'LOGSPOUT=ignore'),
    ...(project || service ? { compose: { ...(project ? { project } : {}), ...(service ? { service } : {}) } } : {}),
    ...(ns || pod || kc ? { k8s: { ...(ns ? { namespace: ns } : {}), ...(pod ? { pod } : {}), ...(kc ? { container: kc } : {}) } } : {}),
  });
}
