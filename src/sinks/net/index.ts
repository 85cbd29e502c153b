import type { TlsConfig } from '../../config/types.js';
import { DatagramTransport } from './datagram.js';
import { parseEndpoint, tlsOptions, type Protocol } from './endpoint.js';
import { StreamTransport } from './stream.js';
import type { Transport } from './transport.js';

export type { Transport } from './transport.js';
export { parseEndpoint, tlsOptions } from './endpoint.js';

/** The transport for a `udp://`, `tcp://` or `tls://` destination URL. */
export function createTransport(url: URL, tls: TlsConfig, timeoutMs: number, defaultPorts: Partial<Record<Protocol, number>> = {}): Transport {
  const ep = parseEndpoint(url, defaultPorts);
  if (ep.protocol === 'udp') return new DatagramTransport({ host: ep.host, port: ep.port, timeoutMs });
  return new StreamTransport({
    host: ep.host,
    port: ep.port,
    timeoutMs,
    ...(ep.protocol === 'tls' ? { tls: tlsOptions(tls, ep.host) } : {}),
  });
}
