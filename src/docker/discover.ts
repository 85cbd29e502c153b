import { stat } from 'node:fs/promises';
import type { DockerConfig } from '../config/types.js';

/**
 * Which engine socket to use when the config and DOCKER_HOST name none. Docker's own socket first;
 * when it is absent, Podman's Docker-compatible API: the rootful socket, then the rootless one of the
 * user sluice runs as (`podman system service` / `podman.socket` serve both). The candidates are
 * computed at config load (config/resolve.ts) and tried at every connection attempt, so a socket that
 * appears later (the engine starts after sluice) is found by a retry.
 */

/** unix:///run/podman/podman.sock, then unix://$XDG_RUNTIME_DIR/podman/podman.sock when that variable is set. */
export function podmanSockets(env: Readonly<Record<string, string | undefined>>): string[] {
  const out = ['unix:///run/podman/podman.sock'];
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg && xdg.startsWith('/')) out.push(`unix://${xdg.replace(/\/+$/, '')}/podman/podman.sock`);
  return out;
}

/** True when `path` exists and is a socket (a plain file or a directory by that name is not an engine). */
export type SocketProbe = (path: string) => Promise<boolean>;

export const isSocket: SocketProbe = async (path) => {
  try {
    return (await stat(path)).isSocket();
  } catch {
    return false;
  }
};

/**
 * The host to connect to: `cfg.host` itself unless it is a unix socket that is absent and one of
 * `cfg.fallbacks` (in order) is present. With none present, `cfg.host`, so the error the caller
 * reports names the default Docker socket as before.
 */
export async function pickHost(cfg: Pick<DockerConfig, 'host' | 'fallbacks'>, probe: SocketProbe = isSocket): Promise<string> {
  const fallbacks = cfg.fallbacks ?? [];
  if (fallbacks.length === 0 || !cfg.host.startsWith('unix://')) return cfg.host;
  if (await probe(new URL(cfg.host).pathname)) return cfg.host;
  for (const f of fallbacks) if (await probe(new URL(f).pathname)) return f;
  return cfg.host;
}
