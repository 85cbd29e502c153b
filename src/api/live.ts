import type { ServerResponse } from 'node:http';
import type { LogRecord } from '../core/record.js';
import { formatConsole } from '../sinks/console.js';
import type { Metrics } from '../telemetry/metrics.js';
import { matchesLive, type LiveFilter } from './live-filter.js';
import type { AgentView } from './view.js';

export type LiveFormat = 'json' | 'text';

/** Bytes a client may have queued (unread by its socket) before its lines are dropped. */
const DEFAULT_MAX_QUEUED = 1 << 20;

interface Client {
  readonly res: ServerResponse;
  readonly filter: LiveFilter;
  readonly format: LiveFormat;
  /** Lines dropped since the client last caught up; reported to it in-band once it does. */
  pendingDropped: number;
  dropped: number;
}

/**
 * The live stream behind /logs, like logspout's httpstream: every record the agent reads is offered
 * to each connected client whose filter it passes.
 *
 * The agent never waits for a client: a write goes into the socket's buffer, and once a client has
 * more than `maxQueuedBytes` unread, further lines for it are dropped and counted
 * (`sluice_api_logs_dropped_total`); when it catches up it is told how many it missed (a text line
 * `# sluice: N lines dropped …`, or `{"dropped":N}` in NDJSON). The tap on the agent is set only while
 * a client is connected, so with nobody watching the hot path pays one null check.
 */
export class LiveHub {
  readonly #agent: AgentView;
  readonly #metrics: Metrics;
  readonly #maxQueued: number;
  readonly #clients = new Set<Client>();
  #untap: (() => void) | null = null;

  constructor(agent: AgentView, metrics: Metrics, opts: { maxQueuedBytes?: number } = {}) {
    this.#agent = agent;
    this.#metrics = metrics;
    this.#maxQueued = opts.maxQueuedBytes ?? DEFAULT_MAX_QUEUED;
  }

  get clients(): number {
    return this.#clients.size;
  }

  /** Streams to `res` until the client goes away (or `closeAll`). Headers are sent at once. */
  add(res: ServerResponse, filter: LiveFilter, format: LiveFormat): void {
    const client: Client = { res, filter, format, pendingDropped: 0, dropped: 0 };
    res.writeHead(200, {
      'content-type': format === 'json' ? 'application/x-ndjson; charset=utf-8' : 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.flushHeaders();
    this.#clients.add(client);
    this.#metrics.liveClients.set(this.#clients.size);
    this.#untap ??= this.#agent.tapRecords((rec) => this.#onRecord(rec));
    const gone = () => this.#remove(client);
    res.on('close', gone);
    res.on('error', gone);
  }

  /** Ends every stream (server shutdown). */
  closeAll(): void {
    for (const c of [...this.#clients]) {
      this.#remove(c);
      c.res.end();
    }
  }

  #remove(c: Client): void {
    if (!this.#clients.delete(c)) return;
    this.#metrics.liveClients.set(this.#clients.size);
    if (this.#clients.size === 0 && this.#untap !== null) {
      this.#untap();
      this.#untap = null;
    }
  }

  #onRecord(rec: LogRecord): void {
    // Each format is rendered at most once per record, whatever the number of clients.
    let json: string | null = null;
    let text: string | null = null;
    for (const c of this.#clients) {
      if (!matchesLive(c.filter, rec, this.#agent)) continue;
      const res = c.res;
      if (res.writableLength >= this.#maxQueued || res.destroyed) {
        c.pendingDropped++;
        c.dropped++;
        this.#metrics.liveClientsDropped.inc();
        continue;
      }
      if (c.pendingDropped > 0) {
        const n = c.pendingDropped;
        c.pendingDropped = 0;
        res.write(c.format === 'json' ? `{"dropped":${n}}\n` : `# sluice: ${n} lines dropped (this client read too slowly)\n`);
      }
      if (c.format === 'json') res.write((json ??= formatConsole(rec, 'json') + '\n'));
      else res.write((text ??= formatConsole(rec, 'text') + '\n'));
    }
  }
}
