import * as perfHooks from 'node:perf_hooks';
import type * as PromClient from 'prom-client';
import { lazyMembers, lazyObject, requireDeferring } from '../util/lazy-require.js';

type Histogram = ReturnType<typeof perfHooks.monitorEventLoopDelay>;
let monitorStarted = false;

/**
 * prom-client's default metrics sample the event loop delay with a libuv timer every 10 ms from the
 * moment they are registered: ~0.06 s of CPU per 10 s on an agent that has nothing to do. This
 * stand-in for the histogram starts that sampling on the first read, i.e. the first scrape of
 * /metrics; an agent nobody scrapes never wakes up for it. The first scrape reports an empty histogram.
 */
function onDemandMonitor(opts?: perfHooks.EventLoopMonitorOptions): Histogram {
  let real: Histogram | undefined;
  const get = (): Histogram => {
    if (!real) {
      real = perfHooks.monitorEventLoopDelay(opts);
      real.enable();
      monitorStarted = true;
    }
    return real;
  };
  return new Proxy({} as Histogram, {
    get: (_t, key) => {
      if (key === 'enable') return () => true; // asked at registration: wait for a reader
      const h = get();
      const v = Reflect.get(h, key, h) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(h) : v;
    },
  });
}

/** Whether the event loop delay sampling has started (a scrape read it). */
export function eventLoopMonitorStarted(): boolean {
  return monitorStarted;
}

/**
 * prom-client, loaded with `@opentelemetry/api` deferred: prom-client requires it up front only to
 * attach trace exemplars to the process CPU counter, which sluice does not enable (~7 MB of RSS).
 * Its Pushgateway client's node:https (TLS: 7 MB on Node 24) and node:zlib (1.9 MB) are deferred too;
 * sluice never pushes.
 * Its event loop lag metric gets `perf_hooks` with the on-demand histogram above.
 */
export const promClient: typeof PromClient = requireDeferring<typeof PromClient>('prom-client', [
  { request: '@opentelemetry/api', parent: /[\\/]prom-client[\\/]/, standIn: lazyObject },
  { request: 'https', parent: /[\\/]prom-client[\\/]lib[\\/]pushgateway\.js$/, standIn: lazyObject },
  { request: 'zlib', parent: /[\\/]prom-client[\\/]lib[\\/]pushgateway\.js$/, standIn: (load) => lazyMembers(load, ['gzipSync']) },
  { request: 'perf_hooks', parent: /[\\/]prom-client[\\/]lib[\\/]metrics[\\/]eventLoopLag\.js$/, standIn: () => ({ ...perfHooks, monitorEventLoopDelay: onDemandMonitor }) },
]);
