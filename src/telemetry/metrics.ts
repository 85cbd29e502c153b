import { promClient } from './prom-client.js';

const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = promClient;

/**
 * Every metric sluice exports, on a registry of its own (no prom-client global default registry,
 * so tests can build as many agents as they like). Names are the contract in SPEC §4: keep them.
 */
export function createMetrics(opts: { defaultMetrics?: boolean; version?: string } = {}) {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry }); // process_*, nodejs_*: the standard names
  const r = [registry];
  // Hooks run before a scrape: per-line counts are kept in plain numbers on the hot path and
  // handed to prom-client here (a labelled inc per line costs more than the rest of dispatch).
  const beforeCollect: Array<() => void> = [];
  const m = {
    beforeCollect,
    registry,
    linesRead: new Counter({
      name: 'sluice_lines_read_total',
      help: 'Lines read from containers.',
      labelNames: ['container'],
      registers: r,
      collect() {
        for (const f of beforeCollect) f();
      },
    }),
    linesSent: new Counter({ name: 'sluice_lines_sent_total', help: 'Lines delivered by a route.', labelNames: ['route'], registers: r }),
    bytesSent: new Counter({ name: 'sluice_bytes_sent_total', help: 'Line bytes delivered by a route.', labelNames: ['route'], registers: r }),
    linesDropped: new Counter({
      name: 'sluice_lines_dropped_total',
      help: 'Lines a route dropped, by reason (buffer_full, rejected, retries_exhausted, shutdown, filtered is not counted).',
      labelNames: ['route', 'reason'],
      registers: r,
    }),
    sendErrors: new Counter({ name: 'sluice_send_errors_total', help: 'Failed batch sends, by error kind.', labelNames: ['route', 'kind'], registers: r }),
    retries: new Counter({ name: 'sluice_retries_total', help: 'Batch send retries.', labelNames: ['route'], registers: r }),
    bufferLines: new Gauge({ name: 'sluice_buffer_lines', help: 'Lines held by a route (buffered and in flight).', labelNames: ['route'], registers: r }),
    bufferBytes: new Gauge({ name: 'sluice_buffer_bytes', help: 'Bytes held by a route (buffered and in flight).', labelNames: ['route'], registers: r }),
    containersAttached: new Gauge({ name: 'sluice_containers_attached', help: 'Containers whose logs are being followed.', registers: r }),
    configReloads: new Counter({ name: 'sluice_config_reloads_total', help: 'Config reloads applied.', registers: r }),
    configReloadFailures: new Counter({ name: 'sluice_config_reload_failures_total', help: 'Config reloads rejected.', registers: r }),
    configLastReloadSuccessful: new Gauge({ name: 'sluice_config_last_reload_successful', help: '1 when the last reload attempt was applied, 0 when rejected.', registers: r }),
    configLastReloadSuccessTimestamp: new Gauge({
      name: 'sluice_config_last_reload_success_timestamp_seconds',
      help: 'When the running config was last loaded or applied (Unix seconds).',
      registers: r,
    }),
    batchSendSeconds: new Histogram({
      name: 'sluice_batch_send_seconds',
      help: 'Time to send one batch (one attempt).',
      labelNames: ['route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: r,
    }),
    checkpointLag: new Gauge({
      name: 'sluice_checkpoint_lag_seconds',
      help: 'Age of the newest line read that is not yet acknowledged by every route (0 when all are).',
      labelNames: ['container'],
      registers: r,
    }),
    stateDirWritable: new Gauge({
      name: 'sluice_state_dir_writable',
      help: '1 while checkpoints can be written to state_dir, 0 while they cannot (absent with state_dir: null).',
      registers: r,
    }),
    checkpointWriteFailures: new Counter({
      name: 'sluice_checkpoint_write_failures_total',
      help: 'Checkpoint writes (and the write check at start) that failed.',
      registers: r,
    }),
    dockerCallFailures: new Counter({
      name: 'sluice_docker_call_failures_total',
      help: 'Docker API calls that failed and are retried with backoff, by call (inspect, list).',
      labelNames: ['call'],
      registers: r,
    }),
    malformedEvents: new Counter({
      name: 'sluice_docker_malformed_events_total',
      help: 'Lines of the Docker event stream that were not a container event sluice could read (skipped).',
      registers: r,
    }),
    dockerConnected: new Gauge({ name: 'sluice_docker_connected', help: '1 while the Docker engine is reachable.', registers: r }),
    unreadableContainers: new Counter({
      name: 'sluice_containers_unreadable_total',
      help: 'Containers whose logs the Docker API cannot read (log driver), reported once each.',
      labelNames: ['driver'],
      registers: r,
    }),
    containerEvents: new Counter({
      name: 'sluice_container_events_total',
      help: 'Containers attached to and detached from, by event (attached, detached).',
      labelNames: ['event'],
      registers: r,
    }),
    liveClientsDropped: new Counter({
      name: 'sluice_api_logs_dropped_total',
      help: 'Lines not sent to a /logs client because it read too slowly (the agent never waits for it).',
      registers: r,
    }),
    liveClients: new Gauge({ name: 'sluice_api_logs_clients', help: 'Connected /logs stream clients.', registers: r }),
    logFilesFollowed: new Gauge({ name: 'sluice_log_files_followed', help: 'Pod log files open for reading (kubernetes source).', registers: r }),
    logFilesLost: new Counter({
      name: 'sluice_log_files_lost_total',
      help: 'Pod log files removed (rotated away) before sluice read them to their end; their unread lines are lost.',
      labelNames: ['container', 'reason'],
      registers: r,
    }),
    linesUnparseable: new Counter({
      name: 'sluice_lines_unparseable_total',
      help: 'Pod log lines that are not CRI records; delivered as they are.',
      labelNames: ['container'],
      registers: r,
    }),
    kubernetesApiConnected: new Gauge({ name: 'sluice_kubernetes_api_connected', help: '1 while the watch of this node\'s pods is up (absent with the API off).', registers: r }),
    buildInfo: new Gauge({ name: 'sluice_build_info', help: 'Build information.', labelNames: ['version', 'node'], registers: r }),
  };
  m.buildInfo.set({ version: opts.version ?? '0.0.0', node: process.versions.node }, 1);
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
