import type { AgentView, ReloadView } from './view.js';
import type { Redactor } from './redact.js';
import { isoUtc } from '../delivery/time.js';

/**
 * The /status document: what an operator asks first — which config is running (and whether the last
 * edit was taken), how each route is doing, which containers are followed and how far behind their
 * checkpoints are. Text that may quote a destination's answer or a config file (last errors, reload
 * errors) goes through the redactor.
 */
export interface StatusDoc {
  version: string;
  uptimeSeconds: number;
  ready: boolean;
  /** Which source runs (docker, kubernetes). */
  source?: string;
  docker: { connected: boolean; apiVersion?: string };
  config: {
    file: string;
    hash: string;
    lastReload: { at: string; ok: boolean; summary?: string; errors?: string[] } | null;
  };
  routes: Array<{
    name: string;
    destination: string;
    state: string;
    buffer: { lines: number; maxLines: number; bytes: number; maxBytes: number; fill: number };
    inFlight: number;
    sent: number;
    dropped: number;
    consecutiveFailures: number;
    lastError?: string;
  }>;
  containers: Array<{
    name: string;
    id: string;
    image: string;
    checkpointLagSeconds: number;
    /** Pod log files (kubernetes source): namespace/pod, open files with the next offset to read, acknowledged position. */
    pod?: string;
    files?: { name: string; offset: number }[];
    checkpoint?: { file: string; offset: number } | null;
  }>;
}

export function buildStatus(agent: AgentView, reloader: ReloadView | undefined, redactor: Redactor, meta: { version: string; startedAt: number; now: number }): StatusDoc {
  const cfg = agent.config;
  const r = reloader?.status();
  const last = r?.lastReload ?? null;
  const doc: StatusDoc = {
    version: meta.version,
    uptimeSeconds: Math.round((meta.now - meta.startedAt) / 1000),
    ready: agent.source.connected,
    ...(agent.source.kind !== undefined ? { source: agent.source.kind } : {}),
    docker: { connected: agent.source.connected, ...(agent.source.apiVersion ? { apiVersion: agent.source.apiVersion } : {}) },
    config: {
      file: r?.file ?? cfg.file,
      hash: r?.hash ?? cfg.hash,
      lastReload: last && {
        at: typeof last.at === 'number' ? isoUtc(last.at) : String(last.at),
        ok: last.ok,
        ...(last.summary !== undefined ? { summary: redactor.scrub(last.summary) } : {}),
        ...(last.errors ? { errors: last.errors.map((e) => redactor.scrub(e)) } : {}),
      },
    },
    routes: [],
    containers: [],
  };
  for (const route of agent.routes.values()) {
    const s = route.status();
    const b = route.config.buffer;
    const fill = Math.max(s.bufferedLines / b.maxLines, s.bufferedBytes / b.maxBytes);
    doc.routes.push({
      name: s.name,
      destination: s.destination,
      state: s.state,
      buffer: { lines: s.bufferedLines, maxLines: b.maxLines, bytes: s.bufferedBytes, maxBytes: b.maxBytes, fill: Math.round(fill * 1000) / 1000 },
      inFlight: s.inFlight,
      sent: s.sent,
      dropped: s.dropped,
      consecutiveFailures: s.consecutiveFailures,
      ...(s.lastError !== undefined ? { lastError: redactor.scrub(s.lastError) } : {}),
    });
  }
  for (const c of agent.containers.values()) {
    if (!c.attached) continue;
    const k = c.files !== undefined ? c.info.k8s : undefined;
    doc.containers.push({
      name: c.info.name,
      id: k ? c.info.id : c.info.id.slice(0, 12),
      image: c.info.image,
      checkpointLagSeconds: round3(agent.checkpointLag(c)),
      ...(k ? { pod: `${k.namespace}/${k.pod}`, files: c.files!.map((f) => ({ ...f })), checkpoint: c.checkpoint ?? null } : {}),
    });
  }
  doc.containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return doc;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
