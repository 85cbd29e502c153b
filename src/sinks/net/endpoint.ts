import type { ConnectionOptions } from 'node:tls';
import { isIP } from 'node:net';
import type { TlsConfig } from '../../config/types.js';

export type Protocol = 'tcp' | 'udp' | 'tls';

export interface Endpoint {
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
}

/**
 * `udp://host:port`, `tcp://…`, `tls://…` → an Endpoint. The config validator already checks the
 * scheme; this throws only for a URL it could not have produced (a programming error).
 * IPv6 literals lose their brackets (`[::1]` → `::1`), which is what net/dgram expect.
 */
export function parseEndpoint(url: URL, defaultPort: Partial<Record<Protocol, number>> = {}): Endpoint {
  const protocol = url.protocol.replace(/:$/, '');
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'tls') throw new TypeError(`unsupported scheme ${url.protocol} (expected udp://, tcp:// or tls://)`);
  let host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const port = url.port ? Number(url.port) : defaultPort[protocol];
  if (!port) throw new TypeError(`${url.protocol}// URL needs a port`);
  return { protocol, host, port };
}

/**
 * Node TLS options from the resolved config: verification on unless `insecureSkipVerify`; SNI from
 * `serverName`, else the host when it is a name (SNI must not carry an IP address). The key is
 * revealed here, at connection time, and nowhere else. Node checks the
 * certificate against `servername` when set, else against the host.
 */
export function tlsOptions(tls: TlsConfig, host: string): ConnectionOptions {
  const opts: ConnectionOptions = { rejectUnauthorized: !tls.insecureSkipVerify };
  if (tls.ca) opts.ca = tls.ca;
  if (tls.cert) opts.cert = tls.cert;
  if (tls.key) opts.key = tls.key.reveal();
  const sni = tls.serverName ?? (isIP(host) ? undefined : host);
  if (sni) opts.servername = sni;
  return opts;
}
