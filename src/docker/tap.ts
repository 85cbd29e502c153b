import type Docker from 'dockerode';
import type { Socket } from 'node:net';
import type { ContainerInfo, Stream } from '../core/record.js';
import type { Logger } from '../telemetry/logger.js';
import { LogStreamReader } from './lines.js';
import type { ReadCursor } from './cursor.js';
import { statusOf } from './client.js';
import { openLogStream, targetOf, type LogStream } from './logs-request.js';
import { canonicalDockerTime, formatDockerTime } from '../delivery/time.js';
import { joinPodmanTtyPieces } from './podman.js';

export type TapEnd =
  | { kind: 'eof' } // the engine closed the stream: the container stopped, or the connection idled out
  | { kind: 'error'; error: Error } // network trouble: the engine went away
  | { kind: 'unreadable'; detail: string } // the log driver cannot be read (501 and friends)
  | { kind: 'gone' } // 404: the container was removed
  | { kind: 'stopped' }; // we stopped it

export interface TapHandler {
  /** One line, in stream order; called synchronously while a chunk is processed. */
  line(tap: Tap, stream: Stream, time: string, line: string, truncated: boolean): void;
  end(tap: Tap, why: TapEnd): void;
}

export interface TapStart {
  since?: string;
  tail?: number;
  /** false: read what the engine has and end (the catch-up read after a container stopped). */
  follow?: boolean;
}

/**
 * One follow stream of one container's logs. The read cursor decides which lines are new, so the
 * tap can be restarted from its cursor any number of times without repeating a line.
 *
 * pause()/resume() apply HTTP backpressure: the engine stops sending this container's logs (they
 * stay on disk) and resumes where it was; nothing is lost.
 */
export class Tap {
  #socket: Socket | undefined;
  #reader: LogStreamReader | undefined;
  #abort: AbortController | undefined;
  #paused = false;
  #stopped = false;
  #generation = 0;
  /** A TTY container read from Podman: its lines may carry piece marks (docker/podman.ts). */
  get #podmanTty(): boolean {
    return Boolean(this.opts.podman) && this.info.tty;
  }

  constructor(
    private readonly docker: Docker,
    public info: ContainerInfo,
    /**
     * `podman`: the engine is Podman (docs/podman.md). Never follow: each start reads what the engine
     * has from the cursor and ends (the source polls); TTY lines lose Podman's piece marks.
     */
    private readonly opts: { partialMerge: boolean; maxLineBytes: number; podman?: boolean },
    readonly cursor: ReadCursor,
    private readonly handler: TapHandler,
    private readonly logger: Logger,
  ) {}

  get attached(): boolean {
    return this.#socket !== undefined;
  }

  async start(from: TapStart = {}): Promise<void> {
    if (this.#stopped || this.#socket) return;
    const gen = ++this.#generation;
    this.cursor.rewind();
    const abort = new AbortController();
    this.#abort = abort;
    const since = this.cursor.since() ?? from.since ?? '0';
    const query = `follow=${from.follow === false || this.opts.podman ? 0 : 1}&stdout=1&stderr=1&timestamps=1&since=${since}` + (from.tail !== undefined ? `&tail=${from.tail}` : '');
    let opened: LogStream;
    try {
      opened = await openLogStream(targetOf(this.docker), `/containers/${this.info.id}/logs?${query}`, abort.signal);
    } catch (err) {
      if (gen !== this.#generation) return;
      this.#abort = undefined;
      const status = statusOf(err);
      const e = err as Error;
      if (this.#stopped || abort.signal.aborted) return this.handler.end(this, { kind: 'stopped' });
      if (status === 404) return this.handler.end(this, { kind: 'gone' });
      // Docker: 501 / "configured logging driver does not support reading"; Podman: 500 "this
      // container is using the 'none' log driver, cannot read logs".
      if (status === 501 || (status !== undefined && status >= 400 && /log(?:ging)? driver|does not support reading|cannot read logs/i.test(e.message))) {
        return this.handler.end(this, { kind: 'unreadable', detail: e.message.replace(/\s+/g, ' ').trim() });
      }
      return this.handler.end(this, { kind: 'error', error: e });
    }
    const socket = opened.socket;
    if (this.#stopped || gen !== this.#generation) {
      socket.destroy();
      return;
    }
    this.#socket = socket;
    const reader = new LogStreamReader(
      { tty: this.info.tty, partialMerge: this.opts.partialMerge, maxLineBytes: this.opts.maxLineBytes },
      (s, time, line, truncated) => {
        // A message without a timestamp (never seen with timestamps=1) keeps its line, stamped
        // with its stream's position so the checkpoint arithmetic stays ordered.
        if (time === '') time = this.cursor.position(s)?.time ?? formatDockerTime({ sec: Math.floor(Date.now() / 1000), nsec: 0 });
        else if (time.length !== 30) time = canonicalDockerTime(time); // Podman's whole seconds, or an offset
        if (this.cursor.admit(s, time)) this.handler.line(this, s, time, this.#podmanTty ? joinPodmanTtyPieces(line, time) : line, truncated);
      },
      (detail) => this.logger.warn({ container: this.info.name, detail }, 'Docker sent a malformed log frame; skipped it'),
    );
    this.#reader = reader;
    let ended = false;
    const finish = (why: TapEnd) => {
      if (ended) return;
      ended = true;
      if (this.#socket === socket) this.#socket = undefined;
      this.#abort = undefined;
      if (this.#stopped || why.kind !== 'eof') this.settle(false);
      this.handler.end(this, this.#stopped ? { kind: 'stopped' } : why);
    };
    abort.signal.addEventListener('abort', () => socket.destroy(), { once: true });
    opened.setReader((chunk) => reader.push(chunk));
    socket.on('end', () => finish({ kind: 'eof' }));
    socket.on('error', (err) => finish({ kind: 'error', error: err }));
    socket.on('close', () => finish({ kind: 'error', error: new Error('log stream closed') }));
    if (!this.#paused) socket.resume();
  }

  /**
   * Ends the reader of a finished stream. An HTTP/1.0 body ends with the connection, so a clean end
   * cannot tell "the container stopped" from "the engine went away": the source inspects the
   * container and then settles. `flush` (the container stopped) emits a last line still waiting for
   * its newline; otherwise it is dropped, because the re-attach reads that line again whole (same
   * timestamp) and the cursor would take the cut piece for it.
   */
  settle(flush: boolean): void {
    const r = this.#reader;
    if (!r) return;
    this.#reader = undefined;
    if (flush) r.end();
    else r.abort();
  }

  pause(): void {
    this.#paused = true;
    this.#socket?.pause();
  }

  resume(): void {
    this.#paused = false;
    this.#socket?.resume();
  }

  /** Stops reading for good (detach, shutdown). Idempotent. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort?.abort();
    this.#socket?.destroy();
  }
}
