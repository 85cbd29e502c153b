import { createRequire } from 'node:module';
import type { Agent, Dispatcher, Pool } from 'undici';

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

export const undiciPool = (): typeof Pool => requireCjs('undici/lib/dispatcher/pool.js') as typeof Pool;
export const undiciAgent = (): typeof Agent => requireCjs('undici/lib/dispatcher/agent.js') as typeof Agent;
export const undiciRequest = (): RequestFn => requireCjs('undici/lib/api/api-request.js') as RequestFn;
