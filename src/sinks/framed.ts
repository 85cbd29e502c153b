import type { LogRecord } from '../core/record.js';
import type { SendResult, Sink } from './sink.js';
import { CLOSED, type Transport } from './net/transport.js';
import { cutUtf8Buffer } from '../util/utf8.js';
import { ReusedWriter, batchSizeHint, type BodyWriter } from './body.js';

export interface FramedSinkOptions {
  readonly transport: Transport;
  /** Writes a record as a complete stream frame (length prefix or trailing newline included). */
  readonly writeFrame: (r: LogRecord, out: BodyWriter) => void;
  /** Bytes a frame adds around its line (headers, framing): the first guess at a batch's size. */
  readonly frameOverhead: number;
  /** A record as one datagram's text (no framing: the datagram is the frame). */
  readonly datagramText: (r: LogRecord) => string;
  /** Datagrams are cut to this many bytes on a UTF-8 boundary, never split in two. */
  readonly maxDatagramBytes: number;
}

/**
 * The send path shared by the syslog and raw sinks: encode every record of the batch, hand the
 * bytes to the transport, return its outcome. On a stream the whole batch becomes one buffer (one
 * write, one syscall in the common case); on UDP each record is its own datagram.
 *
 * A stream's frames are written as UTF-8 straight into one reused writer (sinks/body.ts), as the
 * HTTP sink's bodies are. Joining them with `+=` built a rope of every
 * frame that lived through young-generation collections while the batch was encoded, then was
 * flattened and encoded again.
 */
export class FramedSink implements Sink {
  readonly #o: FramedSinkOptions;
  /** One batch is encoded at a time (a route has one in flight), into this writer, sent as is. */
  readonly #body = new ReusedWriter();
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
    const out = this.#body.take();
    out.reset(batchSizeHint(batch, this.#o.frameOverhead));
    const write = this.#o.writeFrame;
    for (let i = 0; i < batch.length; i++) write(batch[i]!, out);
    return this.#sendStream(transport, out, signal);
  }

  async #sendStream(transport: Transport, out: BodyWriter, signal: AbortSignal): Promise<SendResult> {
    let clean = false;
    try {
      const r = await transport.send([out.finish()], signal);
      clean = r.kind === 'ok';
      return r;
    } finally {
      this.#body.settled(out, clean);
    }
  }

  close(): Promise<void> {
    this.#closed = true;
    return this.#o.transport.close();
  }
}
