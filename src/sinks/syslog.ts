import type { SyslogDestination } from '../config/types.js';
import type { Sink } from './sink.js';
import { FramedSink } from './framed.js';
import { createTransport, type Transport } from './net/index.js';
import { SyslogFormatter } from './syslog-format.js';

/**
 * The syslog destination: RFC 5424 or 3164 messages over udp://, tcp:// or tls://.
 * TCP frames with octet counting unless `framing: newline`; TLS always counts octets (RFC 5425).
 * UDP sends one message per datagram, cut at `maxUdpBytes`.
 */
export function createSyslogSink(dest: SyslogDestination, transport?: Transport): Sink {
  const t = transport ?? createTransport(dest.url, dest.tls, dest.timeoutMs, { udp: 514, tcp: 514, tls: 6514 });
  const newline = !t.datagram && dest.framing === 'newline' && dest.url.protocol === 'tcp:';
  const fmt = new SyslogFormatter({
    format: dest.format,
    facility: dest.facility,
    severityStdout: dest.severityStdout,
    severityStderr: dest.severityStderr,
    appName: dest.appName,
    hostname: dest.hostname,
    structuredData: dest.structuredData,
    escapeNewlines: newline,
  });
  return new FramedSink({
    transport: t,
    writeFrame: newline ? (r, out) => fmt.writeNewlineFramed(r, out) : (r, out) => fmt.writeOctetCounted(r, out),
    frameOverhead: 256,
    datagramText: (r) => fmt.format(r),
    maxDatagramBytes: dest.maxUdpBytes,
  });
}
