import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION } from '../version.js';
import { loadConfigFile, loadConfigText, formatConfigError, type LoadResult } from '../config/load.js';
import { migrate } from '../migrate/index.js';
import { ApiHost } from '../api/host.js';
import { Agent } from '../runtime/agent.js';
import { Reloader, type AppliedEvent } from '../runtime/reloader.js';
import { detectSelfId } from '../runtime/self.js';
import { scheduleStartupGc } from '../runtime/settle-gc.js';
import { createLogger } from '../telemetry/logger.js';
import { createMetrics } from '../telemetry/metrics.js';
import { parseFlags } from './flags.js';

export const DEFAULT_CONFIG = '/etc/sluice/sluice.yaml';
/** From the engine's first answer (or the first try) to the one memory-reducing GC of start-up. */
const STARTUP_GC_DELAY_MS = 2000;
/** What errors and /status call the config of a drop-in start. */
const DROP_IN_NAME = 'logspout-environment.yaml';

export interface DropIn {
  readonly yaml: string;
  readonly untranslated: readonly string[];
}

/**
 * True when the default path holds a file that is not the embedded default (config/sluice.yaml of
 * this package, which the image also places there so that it runs out of the box).
 */
function ownDefaultFile(path: string): boolean {
  if (!existsSync(path)) return false;
  const read = (p: string): string | null => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return null;
    }
  };
  const mine = read(path);
  // src/cli in a checkout, dist/bundle in the image, dist/src/cli compiled: the package root is two or three levels up.
  const embedded = [join(import.meta.dirname, '..', '..'), join(import.meta.dirname, '..', '..', '..')].map((root) => read(join(root, 'config', 'sluice.yaml'))).find((t) => t !== null);
  return mine === null || mine !== embedded;
}

/**
 * The drop-in start: no --config and no SLUICE_CONFIG, but a logspout route argument; or ROUTE_URIS or
 * LOGDNA_KEY and nothing at the default path but the embedded default. Then the config `sluice migrate` would print is run
 * from memory, so the same `docker run` line works with only the image name changed.
 */
export function dropIn(explicit: string | undefined, positionals: readonly string[], env: NodeJS.ProcessEnv, defaultPath = DEFAULT_CONFIG): DropIn | null {
  if (explicit !== undefined) return null;
  const routeArg = positionals.length ? positionals.join(',') : undefined;
  // A route argument is as explicit as --config; the variables give way to a file of the user's own.
  if (routeArg === undefined && ((!env.ROUTE_URIS && !env.LOGDNA_KEY) || ownDefaultFile(defaultPath))) return null;
  const m = migrate({ env, wholeEnv: false, ...(routeArg !== undefined && { routeArg }) });
  return { yaml: m.yaml, untranslated: m.findings.filter((f) => !f.ok).map((f) => f.key) };
}

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
  const explicit = (flags.values.config as string | undefined) ?? process.env.SLUICE_CONFIG;
  const migrated = dropIn(explicit, flags.positionals, process.env);
  if (!migrated && flags.positionals.length) {
    process.stderr.write(`sluice run: unexpected argument ${JSON.stringify(flags.positionals[0])} (a logspout route URI is taken only when no config file is given or found)\nusage: sluice run [--config FILE]\n`);
    return 2;
  }
  const file = explicit ?? DEFAULT_CONFIG;
  const loaded: LoadResult = migrated ? await loadConfigText(migrated.yaml, DROP_IN_NAME, process.env) : await loadConfigFile(file, process.env);
  if (!loaded.ok) {
    if (migrated) process.stderr.write('sluice run: the config migrated from the logspout environment is not valid (`sluice migrate` prints it):\n');
    for (const e of loaded.errors) process.stderr.write(formatConfigError(e) + '\n');
    return 1;
  }
  const config = loaded.config;
  const logger = createLogger(config.logLevel);
  if (migrated) {
    logger.info(
      { routes: config.routes.map((r) => r.name), untranslated: migrated.untranslated },
      'No config file: running the config migrated from the logspout environment (ROUTE_URIS, route argument, LOGDNA_KEY); `sluice migrate` prints it as YAML to adopt',
    );
    if (migrated.untranslated.length) logger.warn({ untranslated: migrated.untranslated }, 'Some logspout settings have no sluice equivalent and are not applied; `sluice migrate` explains each');
  }
  const version = VERSION;
  const metrics = createMetrics({ defaultMetrics: true, version });
  const selfId = process.env.SLUICE_CONTAINER_ID || (await detectSelfId());
  const agent = new Agent(config, { logger, metrics, version, ...(selfId ? { selfId } : {}) });
  // A drop-in start has no file to watch: its config comes from the environment, fixed at start.
  const reloader = migrated ? null : new Reloader({ file, env: process.env, agent, logger, metrics });
  const api = new ApiHost({ agent, metrics, logger, version, ...(reloader && { reloader }) });
  reloader?.on('applied', (e: AppliedEvent) => void api.apply(e.config.api));

  let stopping: Promise<void> | undefined;
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const stop = (signal: string) => {
    if (stopping) return;
    logger.info({ signal }, 'Stopping: draining routes and writing checkpoints');
    stopping = (reloader ? reloader.stop() : Promise.resolve()).then(() => agent.stop()).then(() => api.close()).then(
      () => logger.info('Stopped cleanly'),
      (err: unknown) => logger.error({ err }, 'Stopped with an error'),
    );
    void stopping.then(stopped);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => (reloader ? void reloader.reload() : logger.info('SIGHUP ignored: the config comes from the logspout environment, not a file')));

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
  await reloader?.start();
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
  // Start-up's garbage and grown young generation, given back once (runtime/settle-gc.ts).
  const cancelGc = scheduleStartupGc(STARTUP_GC_DELAY_MS);
  await done;
  cancelGc();
  clearInterval(keepAlive);
  logger.flush();
  return 0;
}
