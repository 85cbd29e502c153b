import type { ResolvedConfig } from '../config/types.js';
import type { Logger } from '../telemetry/logger.js';
import { startApiServer, type ApiOptions, type ApiServer } from './server.js';

type ApiConfig = ResolvedConfig['api'];

/**
 * Keeps the API server in line with the config: `apply(api)` starts it, restarts it when its listen
 * address, token or insecure-listen flag changed (a reload), or stops it (`api: null`). Applies run
 * one after another. A new address that cannot be served (port taken, refused) is logged and the
 * previous server is brought back, so a bad edit never leaves the agent without its health endpoint.
 */
export class ApiHost {
  readonly #opts: ApiOptions;
  readonly #logger: Logger;
  #server: ApiServer | null = null;
  #current: ApiConfig = null;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  #applied = false;

  constructor(opts: ApiOptions) {
    this.#opts = opts;
    this.#logger = opts.logger;
  }

  get server(): ApiServer | null {
    return this.#server;
  }

  /** Resolves when done; rejects only for the first start (the CLI reports it and exits). */
  apply(api: ApiConfig): Promise<void> {
    const first = !this.#applied;
    this.#applied = true;
    const run = this.#queue.then(() => this.#apply(api, first));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    this.#closed = true;
    const run = this.#queue.then(async () => {
      const s = this.#server;
      this.#server = null;
      await s?.close();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply(api: ApiConfig, first: boolean): Promise<void> {
    if (this.#closed || sameApi(api, this.#current)) return;
    const prev = this.#current;
    const old = this.#server;
    this.#server = null;
    await old?.close();
    this.#current = api;
    if (api === null) return;
    try {
      this.#server = await startApiServer(api, this.#opts);
    } catch (err) {
      if (first) throw err;
      this.#logger.error({ err: (err as Error).message, listen: api.listen }, 'Could not start the API with the new config; keeping the previous one.');
      this.#current = null;
      if (prev) await this.#apply(prev, false);
    }
  }
}

function sameApi(a: ApiConfig, b: ApiConfig): boolean {
  if (a === null || b === null) return a === b;
  return a.listen === b.listen && a.allowInsecureListen === b.allowInsecureListen && (a.token?.reveal() ?? null) === (b.token?.reveal() ?? null);
}
