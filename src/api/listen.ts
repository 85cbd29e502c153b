/** `host:port` (IPv6 in brackets) → parts, or an error message. */
export function parseListen(listen: string): { host: string; port: number } | { error: string } {
  const i = listen.lastIndexOf(':');
  if (i < 0) return { error: `api.listen "${listen}": expected host:port` };
  const host = listen.slice(0, i).replace(/^\[|\]$/g, '');
  const port = Number(listen.slice(i + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `api.listen "${listen}": bad port` };
  return { host: host === '' ? '0.0.0.0' : host, port };
}

/**
 * Only loopback addresses keep /logs (every container's output) on this host. An empty host or
 * 0.0.0.0/:: listens everywhere.
 */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || /^::ffff:127\./i.test(host);
}
