import type { Metrics } from '../telemetry/metrics.js';
import type { AgentView } from './view.js';

/**
 * /metrics: the registry, with the gauges that are cheaper to compute on demand refreshed first.
 * Buffer gauges and checkpoint lag are rebuilt from the live routes and containers on every
 * scrape, so a route removed by a reload or a container Docker removed leaves no stale series.
 * (Route gauges are bound children that look their series up on each set, so `reset` is safe.)
 */
export async function scrapeMetrics(agent: AgentView, metrics: Metrics): Promise<{ contentType: string; body: string }> {
  metrics.bufferLines.reset();
  metrics.bufferBytes.reset();
  for (const route of agent.routes.values()) {
    const s = route.status(); // also refreshes the route's own gauges
    metrics.bufferLines.set({ route: s.name }, s.bufferedLines);
    metrics.bufferBytes.set({ route: s.name }, s.bufferedBytes);
  }
  metrics.checkpointLag.reset();
  for (const c of agent.containers.values()) metrics.checkpointLag.set({ container: c.info.name }, agent.checkpointLag(c));
  // Pod log files need no engine: sluice_docker_connected is for the Docker source only.
  if (agent.source.kind !== 'kubernetes') metrics.dockerConnected.set(agent.source.connected ? 1 : 0);
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
