import type { Destination, ResolvedConfig, TlsConfig } from '../config/types.js';

/**
 * A second net under `Secret`: every secret value of a config, so text the API is about to send
 * (a route's last error, a reload error quoting the file) can be scrubbed of them, and URL
 * credentials (`scheme://user:pass@`) are masked whatever their origin. /status and /metrics are
 * small and rare, so the cost does not matter; /logs is container output and is not scrubbed.
 */
export class Redactor {
  readonly #values: string[];

  constructor(config: ResolvedConfig) {
    const out: string[] = [];
    if (config.api?.token) out.push(config.api.token.reveal());
    if (config.docker.tls?.key) out.push(config.docker.tls.key.reveal());
    for (const r of config.routes) collect(r.destination, out);
    // Longest first, so a secret that contains another is replaced whole. Very short values would
    // mangle ordinary text (a header `X-Env: prod`) and are not credentials worth the name.
    this.#values = [...new Set(out)].filter((v) => v.length >= 6).sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let s = text.replace(URL_CREDENTIALS, '$1[redacted]@');
    for (const v of this.#values) if (s.includes(v)) s = s.split(v).join('[redacted]');
    return s;
  }
}

const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']*:)[^\s/@"']*@/gi;

function collect(d: Destination, out: string[]): void {
  switch (d.type) {
    case 'http':
      for (const h of Object.values(d.headers)) {
        const v = h.reveal();
        out.push(v);
        // `Bearer abc…`: the credential alone may be quoted too.
        const cred = /^\S+\s+(\S+)$/.exec(v);
        if (cred) out.push(cred[1]!);
      }
      if (d.auth?.kind === 'basic') out.push(d.auth.password.reveal());
      else if (d.auth?.kind === 'bearer') out.push(d.auth.token.reveal());
      tls(d.tls, out);
      break;
    case 'mezmo':
      out.push(d.key.reveal());
      tls(d.tls, out);
      break;
    case 'syslog':
    case 'raw':
      tls(d.tls, out);
      break;
    default:
      break;
  }
}

function tls(t: TlsConfig, out: string[]): void {
  if (t.key) out.push(t.key.reveal());
}
