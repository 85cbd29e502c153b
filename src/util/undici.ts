import { createRequire } from 'node:module';
import type { Agent, Dispatcher, Pool } from 'undici';
import { lazyFunction, requireDeferring, type Deferral } from './lazy-require.js';

/**
 * The parts of undici sluice uses, each required from the file that defines it when first asked for,
 * never the package's index: the index also loads fetch, WebSocket, EventSource, caches and mocks
 * (20.2 MB of RSS in a bare node process; the Pool and `request` alone 11.6 MB). undici's index puts
 * `request` on the Dispatcher prototype; sluice calls it on its own dispatcher instead.
 * test/sinks/http-undici-files.test.ts checks that these files still are what the index exports.
 *
 * CommonJS, required synchronously (cached by node): an agent without an HTTP or Mezmo route or the
 * pod log source never loads undici at all.
 */
const requireCjs = createRequire(import.meta.url);

/** undici's `request`, to be called with a dispatcher as `this`. */
export type RequestFn = (this: Dispatcher, opts: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

/**
 * undici's client loads its HTTP/2 connector, and with it node:http2 and node:tls (9 MB of RSS on
 * Node 24), whatever the origin; it is only called for a connection that negotiated h2, which undici
 * offers only with `allowH2` (sluice never sets it). Deferred to that first call.
 */
const HTTP2: Deferral = { request: './client-h2.js', parent: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/, standIn: lazyFunction };

export const undiciPool = (): typeof Pool => requireDeferring<typeof Pool>('undici/lib/dispatcher/pool.js', [HTTP2]);
export const undiciAgent = (): typeof Agent => requireDeferring<typeof Agent>('undici/lib/dispatcher/agent.js', [HTTP2]);
export const undiciRequest = (): RequestFn => requireCjs('undici/lib/api/api-request.js') as RequestFn;
