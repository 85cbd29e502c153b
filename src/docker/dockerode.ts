import { createRequire } from 'node:module';
import type Docker from 'dockerode';

/**
 * dockerode, loaded without the two parts sluice never calls that cost the most memory:
 * - `ssh2`, which docker-modem requires up front for `ssh://` hosts (sluice accepts unix, tcp, http
 *   and https only). It loads a native crypto addon: ~16 MB of RSS.
 * - dockerode's BuildKit session (`./session`: gRPC, protobufjs, OpenTelemetry; ~160 modules).
 *
 * During this one synchronous require, each is replaced by a stand-in that loads the real module on
 * first use, so a call that does need it still works. If a later dockerode renames them, they are
 * simply loaded as before. Measured with `npm run bench` (idle RSS).
 */
const requireCjs = createRequire(import.meta.url);

interface CjsLoader {
  _load(request: string, parent: { filename?: string | null } | null | undefined, isMain: boolean): unknown;
}

/** A stand-in for a deferred module (exported for its test). */
export function lazyModule(load: () => unknown, request: string): unknown {
  if (request === 'ssh2') {
    // docker-modem reads `.Client` at require time and only calls `new Client()` for ssh:// hosts.
    return {
      Client: function Client(this: unknown, ...args: unknown[]) {
        const Real = (load() as { Client: new (...a: unknown[]) => unknown }).Client;
        return new Real(...args);
      },
    };
  }
  // dockerode's session helper is a function: (docker, auth, handler) => void.
  return function withSession(this: unknown, ...args: unknown[]) {
    return (load() as (...a: unknown[]) => unknown).apply(this, args);
  };
}

function isDeferred(request: string, parent: string): boolean {
  return (request === 'ssh2' && /[\\/]docker-modem[\\/]/.test(parent)) || (request === './session' && /[\\/]dockerode[\\/]lib[\\/]/.test(parent));
}

function loadDockerode(): typeof Docker {
  const loader = requireCjs('node:module') as CjsLoader;
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    if (isDeferred(request, parent?.filename ?? '')) {
      let real: unknown;
      return lazyModule(() => (real ??= original.call(loader, request, parent, false)), request);
    }
    return original.call(loader, request, parent, isMain);
  };
  try {
    return requireCjs('dockerode') as typeof Docker;
  } finally {
    loader._load = original;
  }
}

/** The dockerode constructor (see above for what is deferred). */
export const Dockerode: typeof Docker = loadDockerode();
