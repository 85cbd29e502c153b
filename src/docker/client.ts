import type Docker from 'dockerode';
import { Dockerode } from './dockerode.js';
import type { DockerConfig } from '../config/types.js';
import { pickHost } from './discover.js';

/**
 * The Docker Engine API client, read-only by construction: sluice calls only GET /version,
 * /containers/json, /containers/{id}/json, /containers/{id}/logs and /events (so it works behind a
 * socket proxy that allows just these).
 *
 * Every dockerode option is passed explicitly: docker-modem otherwise fills gaps from DOCKER_HOST
 * and friends, and a `timeout` would cut quiet log streams (ecosystem.md §3.5).
 */
export const MAX_TESTED_API = '1.47';

/** The Docker connection settings cannot work (a malformed host, an unsupported scheme): not retried. */
export class DockerConfigError extends Error {}

export function modemOptions(cfg: DockerConfig): Docker.DockerOptions {
  let u: URL;
  try {
    u = new URL(cfg.host);
  } catch {
    throw new DockerConfigError(`docker.host: not a URL (expected unix://, tcp://, http:// or https://)`);
  }
  const common = { timeout: undefined, pathPrefix: undefined, version: undefined } as const;
  if (u.protocol === 'unix:') {
    return { ...common, socketPath: u.pathname, host: undefined, port: undefined, protocol: undefined } as Docker.DockerOptions;
  }
  if (u.protocol !== 'tcp:' && u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new DockerConfigError(`docker.host: unsupported scheme "${u.protocol}" (expected unix://, tcp://, http:// or https://)`);
  }
  const tls = cfg.tls;
  const https = u.protocol === 'https:' || Boolean(tls?.verify) || Boolean(tls?.cert) || u.port === '2376';
  return {
    ...common,
    socketPath: undefined,
    host: u.hostname,
    port: Number(u.port || (https ? 2376 : 2375)),
    protocol: https ? 'https' : 'http',
    ca: tls?.ca,
    cert: tls?.cert,
    key: tls?.key?.reveal(),
    ...(tls && !tls.verify ? { checkServerIdentity: () => undefined } : {}),
  } as Docker.DockerOptions;
}

function cmpVersion(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

export interface Negotiated {
  docker: Docker;
  apiVersion: string;
  serverVersion: string;
  /** The endpoint connected to: `cfg.host`, or the Podman socket found in its place (docker/discover.ts). */
  host: string;
  /** 'podman' when the engine is Podman's Docker-compatible API (its /version names "Podman Engine"), else 'docker'. */
  engine: 'docker' | 'podman';
}

/**
 * Connects and negotiates the API version: `GET /version` unversioned, then every later call is
 * prefixed with min(server ApiVersion, MAX_TESTED_API). Never pinned lower: Docker 29 refuses < 1.44.
 */
export async function connectDocker(cfg: DockerConfig): Promise<Negotiated> {
  const at = { ...cfg, host: await pickHost(cfg) };
  const probe = new Dockerode(modemOptions(at));
  const v = (await probe.version()) as { ApiVersion: string; MinAPIVersion?: string; Version: string; Components?: Array<{ Name?: string }> };
  let api = cmpVersion(v.ApiVersion, MAX_TESTED_API) < 0 ? v.ApiVersion : MAX_TESTED_API;
  if (v.MinAPIVersion && cmpVersion(api, v.MinAPIVersion) < 0) api = v.MinAPIVersion;
  const docker = new Dockerode({ ...modemOptions(at), version: `v${api}` });
  const podman = (v.Components ?? []).some((c) => /podman/i.test(c.Name ?? ''));
  return { docker, apiVersion: api, serverVersion: v.Version, host: at.host, engine: podman ? 'podman' : 'docker' };
}

export function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: number } | null)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}
