/**
 * `source: auto | docker | kubernetes` → the LogSource the agent runs (core/source.ts).
 *
 * `auto` decides once, at start: Docker when its endpoint answers (GET /version within 3 s), else
 * the pod log file source when `kubernetes.log_dir` exists, else Docker (which retries and reports
 * itself not ready, as before). The choice is logged. Until `start()` has chosen, the source is
 * idle: not connected, following nothing.
 */
import { access } from 'node:fs/promises';
import type { ResolvedConfig } from '../config/types.js';
import type { FollowedView, LogSource, SourceContext } from '../core/source.js';
import type { StreamCheckpoints } from '../delivery/acks.js';
import { connectDocker } from '../docker/client.js';
import { DockerSource } from '../docker/source.js';

const PROBE_MS = 3000;

export type SourceKind = 'docker' | 'kubernetes';

export async function chooseSource(config: ResolvedConfig): Promise<SourceKind> {
  if (config.source !== 'auto') return config.source;
  const answered = await Promise.race([
    connectDocker(config.docker).then(() => true, () => false),
    new Promise<boolean>((r) => setTimeout(() => r(false), PROBE_MS).unref()),
  ]);
  if (answered) return 'docker';
  try {
    await access(config.kubernetes.logDir);
    return 'kubernetes';
  } catch {
    return 'docker';
  }
}

/** The source `config` asks for, chosen at `start()`. */
export class ChosenSource implements LogSource {
  #inner: (LogSource & { apiVersion?: string | undefined }) | undefined;
  #kind: SourceKind | undefined;
  #stopped = false;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly ctx: SourceContext<StreamCheckpoints>,
  ) {
    // Docker, when named, is built at once (the API asks `connected` before start completes); the pod
    // log source is loaded at start, and only where it runs (it brings undici for its API client).
    if (config.source === 'docker') void this.#build('docker');
  }

  get kind(): SourceKind | undefined {
    return this.#kind;
  }

  get apiVersion(): string | undefined {
    return this.#inner?.apiVersion;
  }

  get connected(): boolean {
    return this.#inner?.connected ?? false;
  }

  async #build(kind: SourceKind): Promise<void> {
    this.#kind = kind;
    if (kind === 'docker') {
      this.#inner = new DockerSource(this.config.docker, this.ctx);
      return;
    }
    const [{ KubernetesSource }, { PodWatcher }] = await Promise.all([import('../kubernetes/source.js'), import('../kubernetes/pods.js')]);
    const k = this.config.kubernetes;
    const { logger, clock } = this.ctx;
    if (k.apiNote !== undefined) logger.warn({}, k.apiNote);
    const pods = k.api === null ? null : new PodWatcher({ ...k.api, nodeName: k.nodeName }, { logger, clock });
    this.#inner = new KubernetesSource({ logDir: k.logDir, stateDir: this.config.stateDir, maxLineBytes: k.maxLineBytes, pods }, this.ctx);
  }

  async start(): Promise<void> {
    if (this.#inner === undefined) {
      let kind: SourceKind = 'kubernetes';
      if (this.config.source === 'auto') {
        kind = await chooseSource(this.config);
        this.ctx.logger.info({ source: kind, logDir: kind === 'kubernetes' ? this.config.kubernetes.logDir : undefined }, kind === 'kubernetes' ? 'source auto: no Docker engine answered and the pod log directory exists; reading pod log files.' : 'source auto: reading containers through the Docker engine.');
      }
      await this.#build(kind);
    }
    if (this.#stopped) return; // stopped while choosing: start nothing
    await this.#inner!.start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#inner?.stop();
  }

  pause(id: string): void {
    this.#inner?.pause(id);
  }

  resume(id: string): void {
    this.#inner?.resume(id);
  }

  async rematch(): Promise<void> {
    await this.#inner?.rematch();
  }

  /** Awaitable: the pod log source writes its own files.json here. */
  async saveCheckpoints(): Promise<void> {
    await this.#inner?.saveCheckpoints();
  }

  followed(): Iterable<FollowedView> {
    return this.#inner?.followed() ?? [];
  }
}
