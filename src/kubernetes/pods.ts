/**
 * This node's pods from the Kubernetes API: list, then watch from the list's resourceVersion
 * (`GET /api/v1/pods?fieldSelector=spec.nodeName=<node>`), the protocol every informer speaks.
 *
 * - Bookmarks (`allowWatchBookmarks`) keep the resourceVersion fresh while nothing changes, so a
 *   re-watch after a dropped connection starts where it was instead of re-listing.
 * - `410 Gone` (as the watch request's status, or as an ERROR event) means the resourceVersion is
 *   too old: list again, and report pods that changed or went meanwhile.
 * - A dropped or failed watch is re-opened with backoff; while the API cannot be reached the last
 *   known pods are kept (lines keep flowing; new pods get path metadata only).
 *
 * Why not @kubernetes/client-node (the issue asks for a maintained client unless too heavy):
 * measured before this was written, its 2.x line fails to load on Node 20 (sluice supports
 * >= 20.19) and 1.4 costs ~70 MB of RSS for an agent that otherwise runs in about 60 MB; sluice
 * needs two GET requests of one resource. This file is that, over undici (already a dependency).
 *
 * RBAC: get/list/watch on pods; nothing else is ever called. The token is read from `token_file`
 * on every connection (projected service account tokens rotate) and never logged.
 */
import { readFile } from 'node:fs/promises';
import type { Agent } from 'undici';
import { undiciAgent, undiciRequest } from '../util/undici.js';
import type { Logger } from '../telemetry/logger.js';
import { sleepUnless, type Clock } from '../util/clock.js';
import { backoffDelay } from '../util/backoff.js';
import type { PodMeta } from './path.js';

export interface PodApiOptions {
  /** `https://host:port` of the API server. */
  url: string;
  tokenFile?: string;
  caFile?: string;
  nodeName: string;
  /** Server-side watch timeout; the watch is then re-opened from the last resourceVersion. */
  watchSeconds?: number;
}

interface PodObject {
  metadata?: { uid?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] };
}

export class PodApiError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

export class PodWatcher {
  readonly #pods = new Map<string, PodMeta>();
  #rv: string | undefined;
  #running = false;
  #abort = new AbortController();
  #loop: Promise<void> | undefined;
  #dispatcher: Agent | undefined;
  #problem: string | undefined;
  connected = false;
  /** The first list has completed (metadata of existing pods is known). */
  synced = false;
  lists = 0;
  watches = 0;
  /** A pod's metadata changed (added, modified, deleted, or seen different after a re-list). */
  onChange: (uid: string) => void = () => undefined;

  constructor(
    private readonly opts: PodApiOptions,
    private readonly deps: { logger: Logger; clock: Clock },
  ) {}

  get(uid: string): PodMeta | undefined {
    return this.#pods.get(uid);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#abort.abort();
    await this.#loop;
    await this.#dispatcher?.close().catch(() => undefined);
  }

  async #run(): Promise<void> {
    let attempt = 0;
    while (this.#running) {
      try {
        if (this.#rv === undefined) await this.#list();
        this.#up();
        attempt = 0;
        await this.#watch();
      } catch (err) {
        if (!this.#running) return;
        const e = err as PodApiError;
        if (e.status === 410) {
          this.#rv = undefined; // too old: re-list now
          continue;
        }
        this.#down(e);
        await this.#sleep(backoffDelay(++attempt, 250, 10_000));
      }
    }
  }

  #path(extra: string): string {
    return `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${this.opts.nodeName}`)}${extra}`;
  }

  async #get(path: string, bodyTimeout: number) {
    if (this.#dispatcher === undefined) {
      const ca = this.opts.caFile !== undefined ? await readFile(this.opts.caFile, 'utf8') : undefined;
      const UndiciAgent = undiciAgent();
      this.#dispatcher = new UndiciAgent({ connect: ca !== undefined ? { ca } : {}, bodyTimeout, headersTimeout: 30_000 });
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.opts.tokenFile !== undefined) headers.authorization = `Bearer ${(await readFile(this.opts.tokenFile, 'utf8')).trim()}`;
    const url = new URL(path, this.opts.url);
    const res = await undiciRequest().call(this.#dispatcher, { origin: url.origin, path: url.pathname + url.search, method: 'GET', headers, signal: this.#abort.signal, bodyTimeout });
    if (res.statusCode !== 200) {
      const text = (await res.body.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ');
      throw new PodApiError(`the Kubernetes API answered ${res.statusCode}: ${text}`, res.statusCode);
    }
    return res;
  }

  async #list(): Promise<void> {
    const res = await this.#get(this.#path(''), 60_000);
    const doc = (await res.body.json()) as { metadata?: { resourceVersion?: string }; items?: PodObject[] };
    this.lists++;
    const seen = new Set<string>();
    for (const p of doc.items ?? []) {
      const uid = p.metadata?.uid;
      if (uid === undefined) continue;
      seen.add(uid);
      this.#set(uid, p);
    }
    for (const uid of [...this.#pods.keys()]) {
      if (!seen.has(uid)) {
        this.#pods.delete(uid);
        this.onChange(uid);
      }
    }
    this.#rv = doc.metadata?.resourceVersion;
    if (!this.synced) {
      this.synced = true;
      this.deps.logger.info({ node: this.opts.nodeName, pods: this.#pods.size }, 'Listed this node\'s pods from the Kubernetes API; watching them.');
    }
  }

  async #watch(): Promise<void> {
    const secs = this.opts.watchSeconds ?? 300;
    const res = await this.#get(this.#path(`&watch=1&allowWatchBookmarks=true&timeoutSeconds=${secs}&resourceVersion=${encodeURIComponent(this.#rv ?? '')}`), (secs + 30) * 1000);
    this.watches++;
    let rest = '';
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      rest += chunk.toString('utf8');
      let nl: number;
      while ((nl = rest.indexOf('\n')) >= 0) {
        const line = rest.slice(0, nl).trim();
        rest = rest.slice(nl + 1);
        if (line !== '') this.#event(line);
      }
    }
    // The server ended the watch (its timeout): re-open from the last resourceVersion.
  }

  #event(line: string): void {
    let ev: { type?: string; object?: PodObject & { code?: number; message?: string } };
    try {
      ev = JSON.parse(line) as typeof ev;
    } catch {
      throw new PodApiError('the Kubernetes API sent a watch event that is not JSON');
    }
    const o = ev.object ?? {};
    const uid = o.metadata?.uid;
    switch (ev.type) {
      case 'ADDED':
      case 'MODIFIED':
        if (uid !== undefined) this.#set(uid, o);
        break;
      case 'DELETED':
        if (uid !== undefined && this.#pods.delete(uid)) this.onChange(uid);
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR':
        throw new PodApiError(`watch error: ${o.message ?? 'unknown'}`, o.code);
      default:
        return;
    }
    if (o.metadata?.resourceVersion !== undefined) this.#rv = o.metadata.resourceVersion;
  }

  #set(uid: string, p: PodObject): void {
    const images: Record<string, string> = {};
    for (const c of [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])]) if (c.image !== undefined) images[c.name] = c.image;
    const meta: PodMeta = { labels: { ...(p.metadata?.labels ?? {}) }, annotations: { ...(p.metadata?.annotations ?? {}) }, images };
    const prev = this.#pods.get(uid);
    this.#pods.set(uid, meta);
    if (prev === undefined || JSON.stringify(prev) !== JSON.stringify(meta)) this.onChange(uid);
  }

  #up(): void {
    if (this.connected) return;
    this.connected = true;
    if (this.#problem !== undefined) this.deps.logger.info({}, 'The Kubernetes API is reachable again; pod metadata is current.');
    this.#problem = undefined;
  }

  /** Logged once per distinct reason, not once per retry. */
  #down(err: Error): void {
    this.connected = false;
    if (err.message === this.#problem) return;
    this.#problem = err.message;
    this.deps.logger.warn({ err: err.message, node: this.opts.nodeName }, 'Cannot watch pods in the Kubernetes API; lines keep flowing with the metadata from their paths (labels and annotations as last known). Retrying with backoff.');
  }

  #sleep(ms: number): Promise<void> {
    return sleepUnless(this.deps.clock, ms, this.#abort.signal);
  }
}
