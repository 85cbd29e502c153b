/**
 * Where sluice's memory goes at start: RSS (after a forced GC) and heap growth after each phase of
 * `sluice run`, then V8's heap spaces and the process's anonymous vs file-backed RSS. Runs the
 * compiled output (npx tsc -p tsconfig.build.json first):
 *   node --expose-gc bench/phases.mjs CONFIG.yaml
 * A bare `node` process is the floor to compare with (bench/run.ts prints it beside sluice).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const D = fileURLToPath(new URL('../dist/src/', import.meta.url));
const rss = () => { const m = /VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status','utf8')); return Number(m[1])/1024; };
const rows = [];
let prev = rss(), prevHeap = process.memoryUsage().heapUsed;
const mark = (name) => { globalThis.gc?.(); const r = rss(); const h = process.memoryUsage().heapUsed; rows.push([name, r.toFixed(1), (r-prev).toFixed(1), ((h-prevHeap)/1048576).toFixed(1)]); prev = r; prevHeap = h; };
mark('node baseline');
await import('yaml'); mark('yaml');
await import('pino'); mark('pino');
const { loadConfigFile } = await import(D + 'config/load.js'); mark('config modules');
const cfgFile = process.argv[2];
const loaded = await loadConfigFile(cfgFile, process.env); if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors)); mark('load and validate the config');
const { createMetrics } = await import(D + 'telemetry/metrics.js'); mark('prom-client module');
const metrics = createMetrics({ defaultMetrics: true, version: 'x' }); mark('createMetrics');
const { createLogger } = await import(D + 'telemetry/logger.js'); const logger = createLogger('warn');
await import(D + 'api/host.js'); mark('api modules');
const { Agent } = await import(D + 'runtime/agent.js'); mark('agent modules (dockerode, routes, sinks)');
const { Reloader } = await import(D + 'runtime/reloader.js'); mark('reloader (chokidar)');
const agent = new Agent(loaded.config, { logger, metrics, version: 'x' });
const reloader = new Reloader({ file: cfgFile, env: process.env, agent, logger, metrics });
await reloader.start(); mark('watcher started');
await agent.start(); mark('agent started');
await new Promise(r => setTimeout(r, 3000)); mark('3 s later');
console.table(rows.map(([a,b,c,d]) => ({phase:a, rss:b, dRSS:c, dHeap:d})));
const v8 = await import('node:v8');
const mu = process.memoryUsage();
console.log(Object.fromEntries(Object.entries(mu).map(([k, v]) => [k, (v / 1048576).toFixed(1)])));
console.table(v8.getHeapSpaceStatistics().map((s) => ({ space: s.space_name, sizeMB: (s.space_size / 1048576).toFixed(1), usedMB: (s.space_used_size / 1048576).toFixed(1), physicalMB: (s.physical_space_size / 1048576).toFixed(1) })));
console.log(readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /^(VmRSS|RssAnon|RssFile|RssShmem)/.test(l)).join('  '));
process.exit(0);
