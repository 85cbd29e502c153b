import type { LogRecord } from '../core/record.js';
import type { RawDestination, TemplateContext } from '../config/types.js';
import type { Sink } from './sink.js';
import { FramedSink } from './framed.js';
import { createTransport, type Transport } from './net/index.js';
import { escapeLine } from './text.js';

/**
 * The raw destination: one line per record, rendered by `template` (default: the line itself).
 * Streams (tcp, tls) end each record with `\n`; UDP sends one datagram per record, cut at
 * `maxUdpBytes`. Newlines, CRs and NULs inside the text are escaped, so one record is one line.
 */
export function createRawSink(dest: RawDestination, transport?: Transport): Sink {
  const t = transport ?? createTransport(dest.url, dest.tls, dest.timeoutMs);
  const tpl = dest.template;
  const text = tpl ? (r: LogRecord) => escapeLine(tpl.render(rawContext(r))) : (r: LogRecord) => escapeLine(r.line);
  return new FramedSink({
    transport: t,
    writeFrame: (r, out) => {
      out.write(text(r));
      out.byte(0x0a);
    },
    frameOverhead: 2,
    datagramText: text,
    maxDatagramBytes: dest.maxUdpBytes,
  });
}

/** The template context of a raw line: the standard fields plus the record's `line` and `time`. */
function rawContext(r: LogRecord): TemplateContext {
  return { container: r.container, host: r.host, source: r.source, line: r.line, time: r.time };
}
