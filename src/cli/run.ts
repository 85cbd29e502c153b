import { VERSION } from '../version.js';
import { loadConfigFile, formatConfigError } from '../config/load.js';
import { ApiHost } from '../api/host.js';
import { Agent } from '../runtime/agent.js';
import { Reloader, type AppliedEvent } from '../runtime/reloader.js';
import { detectSelfId } from '../runtime/self.js';
import { createLogger } from '../telemetry/logger.js';
import { createMetrics } from '../telemetry/metrics.js';
import { parseFlags } from './flags.js';

export const DEFAULT_CONFIG = '/etc/sluice/sluice.yaml';

/**
 * `sluice run [--config FILE]`: load, start, and run until SIGTERM/SIGINT, then stop in order (stop
 * reading → drain routes within shutdown_timeout → write checkpoints) and exit 0.
 */
export default async function run(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { config: 'string' });
  if (!flags.ok) {
    process.stderr.write(`sluice run: ${flags.error}\nusage: sluice run [--config FILE]\n`);
    return 2;
  }
  const file = (flags.values.config as string | undefined) ?? process.env.SLUICE_CONFIG ?? DEFAULT_CONFIG;
  const loaded = await loadConfigFile(file, process.env);
  if (!loaded.ok) {
    for (const e of loaded.errors) process.stderr.write(formatConfigError(e) + '\n');
    return 1;
  }
  const config = loaded.config;
  const logger = createLogger(config.logLevel);
  const version = VERSION;
  const metrics = createMetrics({ defaultMetrics: true, version });
  const selfId = process.env.SLUICE_CONTAINER_ID || (await detectSelfId());
  const agent = new Agent(config, { logger, metrics, version, ...(selfId ? { selfId } : {}) });
  const reloader = new Reloader({ file, env: process.env, agent, logger, metrics });
  const api = new ApiHost({ agent, metrics, logger, version, reloader });
  reloader.on('applied', (e: AppliedEvent) => void api.apply(e.config.api));

  let stopping: Promise<void> | undefined;
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const stop = (signal: string) => {
    if (stopping) return;
    logger.info({ signal }, 'Stopping: draining routes and writing checkpoints');
    stopping = reloader.stop().then(() => agent.stop()).then(() => api.close()).then(
      () => logger.info('Stopped cleanly'),
      (err: unknown) => logger.error({ err }, 'Stopped with an error'),
    );
    void stopping.then(stopped);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => void reloader.reload());

  logger.info({ version, config: config.file, routes: config.routes.map((r) => r.name), hash: config.hash.slice(0, 12) }, 'sluice starting');
  // The API first: /healthz answers (and /readyz says why not ready) while Docker is still away.
  try {
    await api.apply(config.api);
  } catch (err) {
    logger.error({ err: (err as Error).message }, 'Could not start the API server');
    logger.flush();
    return 1;
  }
  // Stay up until a signal, also while Docker is away (the reconnect timers do not hold the process).
  const keepAlive = setInterval(() => undefined, 1 << 30);
  // The watcher first: a config change made while Docker is away, or while a busy host's first
  // container list is still being inspected, must not wait for the engine to be applied.
  await reloader.start();
  try {
    await agent.start();
  } catch (err) {
    // Connection settings that cannot work (DOCKER_HOST=ssh://…); whatever the engine or network
    // answers is retried instead. Stop everything started so far, so the process exits.
    logger.error({ err: (err as Error).message }, 'Could not start reading from the Docker engine');
    stop('start-failed');
    await stopping;
    clearInterval(keepAlive);
    logger.flush();
    return 1;
  }
  await done;
  clearInterval(keepAlive);
  logger.flush();
  return 0;
}
