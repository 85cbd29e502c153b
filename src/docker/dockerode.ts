import type Docker from 'dockerode';
import { lazyConstructors, lazyFunction, requireDeferring } from '../util/lazy-require.js';

/**
 * dockerode, loaded without the two parts sluice never calls that cost the most memory:
 * - `ssh2`, which docker-modem requires up front for `ssh://` hosts (sluice accepts unix, tcp, http
 *   and https only). It loads a native crypto addon: ~16 MB of RSS. docker-modem reads `.Client` at
 *   require time and calls `new Client()` only for ssh:// hosts.
 * - dockerode's BuildKit session (`./session`: gRPC, protobufjs; ~110 modules), a function.
 */
export const Dockerode: typeof Docker = requireDeferring<typeof Docker>('dockerode', [
  { request: 'ssh2', parent: /[\\/]docker-modem[\\/]/, standIn: (load) => lazyConstructors(load, ['Client']) },
  { request: './session', parent: /[\\/]dockerode[\\/]lib[\\/]/, standIn: lazyFunction },
]);
