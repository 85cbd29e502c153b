import type * as PromClient from 'prom-client';
import { lazyObject, requireDeferring } from '../util/lazy-require.js';

/**
 * prom-client, loaded with `@opentelemetry/api` deferred: prom-client requires it up front only to
 * attach trace exemplars to the process CPU counter, which sluice does not enable (~7 MB of RSS).
 */
export const promClient: typeof PromClient = requireDeferring<typeof PromClient>('prom-client', [
  { request: '@opentelemetry/api', parent: /[\\/]prom-client[\\/]/, standIn: lazyObject },
]);
