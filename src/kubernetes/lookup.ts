/**
 * `NAMESPACE/POD/CONTAINER` → the ContainerInfo the pod log source would give its records (for
 * `sluice explain`): the newest run of that container under `log_dir`, with the pod's labels and
 * annotations when the API answers within a few seconds (else path metadata only, as the source
 * has while the API cannot be reached). Read-only.
 */
import type { KubernetesConfig } from '../config/types.js';
import type { ContainerInfo } from '../core/record.js';
import { silentLogger } from '../telemetry/logger.js';
import { systemClock } from '../util/clock.js';
import { scanLogDir } from './discover.js';
import { podContainerInfo, type PodMeta } from './path.js';
import { PodWatcher } from './pods.js';

export type Lookup = { ok: true; info: ContainerInfo; note?: string } | { ok: false; reason: string };

export function isPodContainerRef(ref: string): boolean {
  return /^[^/]+\/[^/]+\/[^/]+$/.test(ref);
}

export async function lookupPodContainer(cfg: KubernetesConfig, ref: string, waitMs = 5000): Promise<Lookup> {
  const [namespace, pod, container] = ref.split('/') as [string, string, string];
  const { runs } = await scanLogDir(cfg.logDir);
  const found = runs.filter((r) => r.pod.namespace === namespace && r.pod.pod === pod && r.container === container).sort((a, b) => b.restart - a.restart)[0];
  if (found === undefined) return { ok: false, reason: `no log files for ${ref} under ${cfg.logDir}` };
  let meta: PodMeta | undefined;
  let note: string | undefined;
  if (cfg.api === null) note = 'the Kubernetes API is off: no pod labels or annotations';
  else {
    const w = new PodWatcher({ ...cfg.api, nodeName: cfg.nodeName }, { logger: silentLogger(), clock: systemClock });
    w.start();
    const end = Date.now() + waitMs;
    while (!w.synced && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    meta = w.get(found.pod.uid);
    if (!w.synced) note = 'the Kubernetes API did not answer: path metadata only (no pod labels), as sluice has while it cannot reach it';
    await w.stop();
  }
  const info = podContainerInfo(found.pod, found.podDirName, found.container, found.restart, meta);
  return note === undefined ? { ok: true, info } : { ok: true, info, note };
}
