/**
 * A stand-in for the running Agent, as the API sees it (AgentView): a config loaded from YAML the
 * normal way, real Routes over scriptable sinks, a container table, a switchable Docker connection,
 * and a router over a route table built from the config so `/logs?route=` uses the real matching.
 */
import type { AgentView, ContainerStateView } from '../../src/api/view.js';
import { loadConfigText } from '../../src/config/load.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import type { ContainerInfo, LogRecord, Stream } from '../../src/core/record.js';
import { Route } from '../../src/delivery/route.js';
import { RouteTable } from '../../src/routing/table.js';
import { Router } from '../../src/routing/router.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { createMetrics, type Metrics } from '../../src/telemetry/metrics.js';
import { ManualClock } from '../../src/util/clock.js';
import { FakeSink } from '../delivery/helpers.js';

export async function loadYaml(yaml: string, env: NodeJS.ProcessEnv = {}): Promise<ResolvedConfig> {
  const r = await loadConfigText(yaml, '/tmp/sluice-api-test.yaml', env);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

export function container(name: string, labels: Record<string, string> = {}, id = name.padEnd(64, '0')): ContainerInfo {
  return { id, name, image: `img/${name}:1`, labels, hostname: name, tty: false, logDriver: 'json-file', logspoutIgnore: false };
}

export class FakeAgent implements AgentView {
  readonly metrics: Metrics = createMetrics({ version: '9.9.9' });
  readonly clock = new ManualClock();
  readonly routes = new Map<string, Route>();
  readonly sinks = new Map<string, FakeSink>();
  readonly containers = new Map<string, ContainerStateView & { lag: number }>();
  readonly source = { connected: false, apiVersion: '1.47' as string | undefined };
  readonly router: Router;
  /** The record tap's listener while the API subscribes (null otherwise). */
  tap: ((rec: LogRecord) => void) | null = null;
  checkpointProblem: string | null = null;

  constructor(readonly config: ResolvedConfig, sink: () => FakeSink = () => new FakeSink()) {
    for (const rc of config.routes) {
      const s = sink();
      this.sinks.set(rc.name, s);
      this.routes.set(rc.name, new Route({ config: rc, sink: s, clock: this.clock, metrics: this.metrics, logger: silentLogger() }));
    }
    this.router = new Router(new RouteTable(config, this.routes));
  }

  tapRecords(listener: (rec: LogRecord) => void): () => void {
    this.tap = listener;
    return () => {
      if (this.tap === listener) this.tap = null;
    };
  }

  routesTaking(rec: Pick<LogRecord, 'container' | 'source' | 'line'>): string[] {
    return this.router.routesTaking(rec);
  }

  attach(info: ContainerInfo, lag = 0): void {
    this.containers.set(info.id, { info, attached: true, lag });
  }

  checkpointLag(c: ContainerStateView): number {
    return (c as unknown as { lag: number }).lag;
  }

  /** What Agent#onLine does for the tap: a record read from a container. */
  emit(info: ContainerInfo, line: string, source: Stream = 'stdout'): void {
    const rec: LogRecord = { time: '2024-01-01T00:00:00.000000000Z', line, source, container: info, host: 'h', tags: [], truncated: false, acks: [] };
    if (this.tap !== null) this.tap(rec);
  }
}
