import { connect as netConnect, type Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { SendResult } from '../sink.js';
import { OK } from '../sink.js';
import { CLOSED, guarded, networkError, type Transport } from './transport.js';
import { loadTls } from '../../util/tls.js';

export interface StreamOptions {
  readonly host: string;
  readonly port: number;
  /** TLS options; absent = plain TCP. */
  readonly tls?: ConnectionOptions;
  /** Deadline for connecting, and separately for writing one batch. */
  readonly timeoutMs: number;
}

/** Waits for queued socket events (a FIN or RST from the peer) to be delivered before we trust the socket. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One TCP or TLS connection, (re)made lazily. Delivery is at-least-once: a batch is `ok` only
 * when every byte was handed to the kernel AND the connection was still open from both sides
 * afterwards; if the peer went away while we wrote (a restarting syslog server), the send is
 * `retryable` and the next send reconnects, so the route re-sends the whole batch.
 */
export class StreamTransport implements Transport {
  readonly datagram = false;
  readonly #opts: StreamOptions;
  #socket: Socket | undefined;
  /** Why the current socket can no longer be used (peer closed, error); undefined while healthy. */
  #broken: string | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(opts: StreamOptions) {
    this.#opts = opts;
  }

  async send(chunks: readonly Buffer[], signal: AbortSignal): Promise<SendResult> {
    if (this.#closed) return CLOSED;
    // An idle connection may have been closed by the peer since the last batch; let that news
    // arrive before writing into a socket the kernel would accept bytes for and then drop.
    if (this.#socket) await tick();
    if (this.#closed) return CLOSED;
    if (this.#socket && this.#broken !== undefined) this.#drop();
    if (!this.#socket) {
      const r = await this.#connect(signal);
      if (r.kind !== 'ok') return r;
    }
    const sock = this.#socket!;
    const result = await guarded(signal, this.#opts.timeoutMs, 'write', () => this.#drop(), (done) => {
      const onClose = (): void => done(networkError(this.#broken ?? 'connection closed', 'write'));
      sock.once('close', onClose);
      sock.cork();
      for (let i = 0; i < chunks.length - 1; i++) sock.write(chunks[i]!);
      sock.write(chunks[chunks.length - 1] ?? Buffer.alloc(0), (err) => {
        sock.off('close', onClose);
        if (err) done(networkError(err, 'write'));
        else done(OK);
      });
      sock.uncork();
    });
    if (result.kind !== 'ok') {
      this.#drop();
      return result;
    }
    // Give a FIN/RST that raced with the write a chance to show up; a connection that broke
    // during the batch may have lost part of it.
    await tick();
    if (this.#broken !== undefined) {
      const why = this.#broken;
      this.#drop();
      return networkError(why, 'connection broke during the batch');
    }
    return OK;
  }

  #connect(signal: AbortSignal): Promise<SendResult> {
    const { host, port, tls } = this.#opts;
    const sock = tls ? loadTls().connect({ ...tls, host, port }) : netConnect({ host, port });
    this.#socket = sock;
    this.#broken = undefined;
    // Persistent listeners: they only record that the socket is unusable; the send in progress
    // learns it through its own listeners or through #broken.
    sock.on('error', (err: NodeJS.ErrnoException) => {
      this.#broken ??= err.code ? `${err.code}: ${err.message}` : err.message;
    });
    sock.on('end', () => {
      this.#broken ??= 'connection closed by peer';
    });
    sock.on('close', () => {
      this.#broken ??= 'connection closed';
    });
    // Syslog and raw receivers send nothing, but reading is what makes a FIN visible ('end').
    sock.resume();
    const event = tls ? 'secureConnect' : 'connect';
    return guarded(signal, this.#opts.timeoutMs, `connect to ${host}:${port}`, () => this.#drop(), (done) => {
      const onUp = (): void => {
        sock.off('close', onDown);
        sock.setNoDelay(true);
        sock.setKeepAlive(true, 30_000);
        done(OK);
      };
      const onDown = (): void => {
        sock.off(event, onUp);
        done(networkError(this.#broken ?? 'connection closed', `connect to ${host}:${port}`));
      };
      sock.once(event, onUp);
      sock.once('close', onDown);
    }).then((r) => {
      if (r.kind !== 'ok') this.#drop();
      return r;
    });
  }

  /** Forgets the current socket (destroying it); the next send reconnects. */
  #drop(): void {
    const s = this.#socket;
    this.#socket = undefined;
    s?.destroy();
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= new Promise<void>((resolve) => {
      const s = this.#socket;
      this.#socket = undefined;
      if (!s || s.destroyed) {
        resolve();
        return;
      }
      // A graceful FIN lets the peer read what we wrote; destroy if it takes too long.
      const timer = setTimeout(() => s.destroy(), Math.min(this.#opts.timeoutMs, 2000));
      timer.unref();
      s.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      s.end();
    });
    return this.#closing;
  }
}
