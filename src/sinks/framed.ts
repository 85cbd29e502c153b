import type { LogRecord } from '../core/record.js';
import type { SendResult, Sink } from './sink.js';
import { CLOSED, type Transport } from './net/transport.js';
import { cutUtf8Buffer } from '../util/utf8.js';

export interface FramedSinkOptions {
  readonly transport: Transport;
  /** A record as a complete stream frame (length prefix or trailing newline included). */
  readonly streamFrame: (r: LogRecord) => string;
  /** A record as one datagram's text (no framing: the datagram is the frame). */
  readonly datagramText: (r: LogRecord) => string;
  /** Datagrams are cut to this many bytes on a UTF-8 boundary, never split in two. */
  readonly maxDatagramBytes: number;
}

/**
 * The send path shared by the syslog and raw sinks: encode every record of the batch, hand the
 * bytes to the transport, return its outcome. On a stream the whole batch becomes one buffer (one
 * write, one syscall in the common case); on UDP each record is its own datagram.
 */
export class FramedSink implements Sink {
  readonly #o: FramedSinkOptions;
  #closed = false;

  constructor(o: FramedSinkOptions) {
    this.#o = o;
  }

  send(batch: readonly LogRecord[], signal: AbortSignal): Promise<SendResult> {
    if (this.#closed) return Promise.resolve(CLOSED);
    const { transport } = this.#o;
    if (transport.datagram) {
      const max = this.#o.maxDatagramBytes;
      const chunks: Buffer[] = new Array(batch.length);
      for (let i = 0; i < batch.length; i++) chunks[i] = cutUtf8Buffer(Buffer.from(this.#o.datagramText(batch[i]!), 'utf8'), max);
      return transport.send(chunks, signal);
    }
    let text = '';
    for (const r of batch) text += this.#o.streamFrame(r);
    return transport.send([Buffer.from(text, 'utf8')], signal);
  }

  close(): Promise<void> {
    this.#closed = true;
    return this.#o.transport.close();
  }
}
