/**
 * `sluice health [--config FILE] [--ready] [--timeout SECONDS]`: the image's HEALTHCHECK. Reads the
 * same config file as `run` and asks that agent's API, so the check follows `api.listen` (a wildcard
 * address is asked on loopback) and `api: null` (nothing to ask: healthy while the process runs).
 * `/healthz` by default (alive); `--ready` asks `/readyz` (Docker reachable, state_dir writable).
 * Neither needs the token. Exit 0 healthy, 1 not (the reason on stderr), 2 bad usage.
 */
import { loadConfigFile, formatConfigError } from '../config/load.js';
import { parseListen } from '../api/listen.js';
import { parseFlags } from './flags.js';

const DEFAULT_CONFIG = '/etc/sluice/sluice.yaml';

export default async function health(argv: string[]): Promise<number> {
  const f = parseFlags(argv, { config: 'string', ready: 'boolean', timeout: 'string' });
  const timeoutS = f.ok ? Number(f.values.timeout ?? 3) : NaN;
  if (!f.ok || f.positionals.length > 0 || !(timeoutS > 0)) {
    process.stderr.write(`${f.ok ? '' : `${f.error}\n`}usage: sluice health [--config FILE] [--ready] [--timeout SECONDS]\n`);
    return 2;
  }
  const file = (f.values.config as string | undefined) ?? DEFAULT_CONFIG;
  const loaded = await loadConfigFile(file, process.env);
  if (!loaded.ok) {
    process.stderr.write(`unhealthy: ${file} does not load, so its API address is unknown:\n${loaded.errors.map((e) => `  ${formatConfigError(e)}\n`).join('')}`);
    return 1;
  }
  const api = loaded.config.api;
  if (api === null) {
    process.stdout.write('healthy: api is null in the config, so there is no API to ask\n');
    return 0;
  }
  const where = parseListen(api.listen);
  if ('error' in where) {
    process.stderr.write(`unhealthy: ${where.error}\n`);
    return 1;
  }
  const url = `http://${hostToAsk(where.host)}:${where.port}${f.values.ready ? '/readyz' : '/healthz'}`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutS * 1000) });
    const text = await res.text();
    if (res.ok) {
      process.stdout.write(`healthy: ${url} answered ${res.status}\n`);
      return 0;
    }
    let reasons = '';
    try {
      const body = JSON.parse(text) as { reasons?: unknown };
      if (Array.isArray(body.reasons)) reasons = `: ${body.reasons.map(String).join('; ')}`;
    } catch {
      // not JSON: the status alone says it
    }
    process.stderr.write(`unhealthy: ${url} answered ${res.status}${reasons}\n`);
    return 1;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    process.stderr.write(`unhealthy: ${url}: ${e.name === 'TimeoutError' ? `no answer within ${timeoutS}s` : (e.cause?.code ?? e.message)}\n`);
    return 1;
  }
}

/** A wildcard listen address is reached on loopback; an IPv6 address goes in brackets. */
function hostToAsk(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
