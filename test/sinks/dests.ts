/** Resolved destination fixtures for sink tests (what config/resolve.ts would produce). */
import type { HttpDestination, MezmoDestination, RawDestination, SyslogDestination, TlsConfig } from '../../src/config/types.js';
import { Secret } from '../../src/util/secret.js';

export const NO_TLS: TlsConfig = { insecureSkipVerify: false };

export function syslogDest(url: string, over: Partial<SyslogDestination> = {}): SyslogDestination {
  return {
    type: 'syslog',
    url: new URL(url),
    format: 'rfc5424',
    framing: 'octet_counting',
    facility: 1,
    severityStdout: 6,
    severityStderr: 3,
    structuredData: true,
    maxUdpBytes: 2048,
    tls: NO_TLS,
    timeoutMs: 2000,
    ...over,
  };
}

export function rawDest(url: string, over: Partial<RawDestination> = {}): RawDestination {
  return { type: 'raw', url: new URL(url), maxUdpBytes: 2048, tls: NO_TLS, timeoutMs: 2000, ...over };
}

export function httpDest(url: string, over: Partial<HttpDestination> = {}): HttpDestination {
  return { type: 'http', url: new URL(url), encoding: 'ndjson', compression: 'none', headers: {}, tls: NO_TLS, timeoutMs: 2000, ...over };
}

export function mezmoDest(url: string, key: string, over: Partial<MezmoDestination> = {}): MezmoDestination {
  return {
    type: 'mezmo',
    key: new Secret(key),
    url: new URL(url),
    auth: 'basic',
    tags: [],
    levelStdout: 'INFO',
    levelStderr: 'ERROR',
    maxLineBytes: 16 * 1024,
    tls: NO_TLS,
    timeoutMs: 2000,
    ...over,
  };
}

/** rsyslog's rendering of a received message: control characters become `#` + 3 octal digits. */
export function rsyslogEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 32 || c === 127 ? '#' + c.toString(8).padStart(3, '0') : ch;
  }
  return out;
}
