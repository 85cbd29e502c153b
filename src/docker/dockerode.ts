import type Docker from 'dockerode';
import { lazyMembers, lazyFunction, lazyObject, requireDeferring } from '../util/lazy-require.js';

/**
 * dockerode, loaded without the parts sluice never calls that cost the most memory:
 * - `ssh2`, which docker-modem requires up front for `ssh://` hosts (sluice accepts unix, tcp, http
 *   and https only). It loads a native crypto addon: ~16 MB of RSS. docker-modem reads `.Client` at
 *   require time and calls `new Client()` only for ssh:// hosts.
 * - dockerode's BuildKit session (`./session`: gRPC, protobufjs; ~110 modules), a function.
 * - what only image builds and attached streams use: tar-fs and .dockerignore parsing (dockerode's
 *   build context), docker-modem's HttpDuplex (hijacked connections); with readable-stream, 31
 *   modules and ~1 MB of idle RSS; and node:zlib, which dockerode's util takes up front to gzip a
 *   build context (~1.9 MB in a bare Node 24).
 * - node:https, which docker-modem's redirect-following wrapper takes as a prototype at load time
 *   and uses only for an https:// engine: it loads TLS (OpenSSL's state, 7 MB on Node 24).
 */
export const Dockerode: typeof Docker = requireDeferring<typeof Docker>('dockerode', [
  { request: 'ssh2', parent: /[\\/]docker-modem[\\/]/, standIn: (load) => lazyMembers(load, ['Client']) },
  { request: './session', parent: /[\\/]dockerode[\\/]lib[\\/]/, standIn: lazyFunction },
  { request: 'tar-fs', parent: /[\\/]dockerode[\\/]lib[\\/]/, standIn: lazyObject },
  { request: '@balena/dockerignore', parent: /[\\/]dockerode[\\/]lib[\\/]/, standIn: lazyFunction },
  { request: './http_duplex', parent: /[\\/]docker-modem[\\/]lib[\\/]/, standIn: lazyFunction },
  { request: 'https', parent: /[\\/]docker-modem[\\/]lib[\\/]http\.js$/, standIn: lazyObject },
  { request: 'zlib', parent: /[\\/]dockerode[\\/]lib[\\/]util\.js$/, standIn: lazyObject },
]);
