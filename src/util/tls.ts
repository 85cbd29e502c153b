import { createRequire } from 'node:module';
import type * as Tls from 'node:tls';

const requireCjs = createRequire(import.meta.url);
let tls: typeof Tls | undefined;

/**
 * node:tls, loaded by the first TLS connection (a Docker engine over tcp+TLS, a syslog or TCP
 * destination with `tls`). Loading it sets up OpenSSL's state: on Node 24, 7 MB of RSS in a bare
 * process, paid by every agent that never speaks TLS when it is imported up front. HTTPS
 * destinations get it the same way, through undici's connector.
 */
export function loadTls(): typeof Tls {
  return (tls ??= requireCjs('node:tls') as typeof Tls);
}
