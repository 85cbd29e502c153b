import type { Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { SendResult } from '../sink.js';
import { OK } from '../sink.js';
import { CLOSED, guarded, networkError, type Transport } from './transport.js';

export interface DatagramOptions {
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
}

/**
 * A connected UDP socket, made lazily. Each chunk is one datagram (the caller has already cut it to
 * its size limit: UDP messages are never split across datagrams). Connecting the socket makes the
 * kernel report ICMP "port unreachable" as ECONNREFUSED, which becomes `retryable`; UDP gives no
 * other delivery signal, so `ok` means "handed to the kernel".
 */
export class DatagramTransport implements Transport {
  readonly datagram = true;
  readonly #opts: DatagramOptions;
  #socket: Socket | undefined;
  #broken: string | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(opts: DatagramOptions) {
    this.#opts = opts;
  }

  async send(chunks: readonly Buffer[], signal: AbortSignal): Promise<SendResult> {
    if (this.#closed) return CLOSED;
    if (this.#socket && this.#broken !== undefined) this.#drop();
    if (!this.#socket) {
      const r = await this.#open(signal);
      if (r.kind !== 'ok') return r;
    }
    const sock = this.#socket!;
    if (chunks.length === 0) return OK;
    return guarded(signal, this.#opts.timeoutMs, 'udp send', () => this.#drop(), (done) => {
      let pending = chunks.length;
      // One callback for the whole batch (not one closure per datagram).
      const onSent = (err: Error | null): void => {
        if (err) {
          this.#broken ??= err.message;
          done(networkError(err, 'udp send'));
        } else if (--pending === 0) done(OK);
      };
      for (const c of chunks) sock.send(c, onSent);
    }).then((r) => {
      if (r.kind !== 'ok') this.#drop();
      return r;
    });
  }

  async #open(signal: AbortSignal): Promise<SendResult> {
    // node:dgram and node:dns/promises load with the first datagram route's first send: every agent
    // builds the sinks module, and only UDP routes use them (~0.8 MB of RSS in a bare Node 24).
    const { createSocket } = process.getBuiltinModule('node:dgram');
    const { lookup } = process.getBuiltinModule('node:dns/promises');
    const { host, port } = this.#opts;
    let address = host;
    let family = isIP(host);
    if (family === 0) {
      try {
        const r = await lookup(host);
        address = r.address;
        family = r.family;
      } catch (err) {
        return networkError(err, `resolve ${host}`);
      }
    }
    if (this.#closed) return CLOSED;
    const sock = createSocket(family === 6 ? 'udp6' : 'udp4');
    this.#socket = sock;
    this.#broken = undefined;
    sock.on('error', (err) => {
      this.#broken ??= err.message;
    });
    sock.unref();
    return guarded(signal, this.#opts.timeoutMs, `udp connect to ${host}:${port}`, () => this.#drop(), (done) => {
      sock.connect(port, address, () => done(OK));
    }).then((r) => {
      if (r.kind !== 'ok') this.#drop();
      return r;
    });
  }

  #drop(): void {
    const s = this.#socket;
    this.#socket = undefined;
    try {
      s?.close();
    } catch {
      // already closed
    }
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= new Promise<void>((resolve) => {
      const s = this.#socket;
      this.#socket = undefined;
      if (!s) return resolve();
      try {
        s.close(() => resolve());
      } catch {
        resolve();
      }
    });
    return this.#closing;
  }
}
