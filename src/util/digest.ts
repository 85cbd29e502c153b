/**
 * A 64-bit FNV-1a digest, for telling texts and values apart: the config's hash (in /status and the
 * logs), the reloader's "has the file changed" probe, route fingerprints. Not cryptographic: nothing
 * here is an integrity check against an adversary, and no digest of a secret is ever shown.
 *
 * Why not node:crypto's sha256: the first use of node:crypto initialises OpenSSL, and that stays
 * resident. Node 24, a process that already holds every other module sluice loads: +4.4 MB RSS. An
 * agent with no TLS route (console, syslog, raw TCP/UDP, plain HTTP) never needs it otherwise.
 * What does need sha256 (the API's token check, pod log file fingerprints kept in checkpoints) takes
 * node:crypto on first use.
 */
export class Digest {
  // The state as four 16-bit limbs, low first; the offset basis is 0xcbf29ce484222325.
  #h0 = 0x2325;
  #h1 = 0x8422;
  #h2 = 0x9ce4;
  #h3 = 0xcbf2;

  /** Adds bytes; a string is taken as its UTF-8 bytes. */
  update(data: string | Uint8Array): this {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let h0 = this.#h0;
    let h1 = this.#h1;
    let h2 = this.#h2;
    let h3 = this.#h3;
    for (let i = 0; i < bytes.length; i++) {
      h0 ^= bytes[i]!;
      // h * 0x100000001b3 (mod 2^64) = h * 0x1b3 + (h << 40); every partial stays below 2^31.
      const c0 = h0 * 0x1b3;
      const c1 = h1 * 0x1b3 + (c0 >>> 16);
      const c2 = h2 * 0x1b3 + (h0 << 8) + (c1 >>> 16);
      const c3 = h3 * 0x1b3 + (h1 << 8) + (c2 >>> 16);
      h0 = c0 & 0xffff;
      h1 = c1 & 0xffff;
      h2 = c2 & 0xffff;
      h3 = c3 & 0xffff;
    }
    this.#h0 = h0;
    this.#h1 = h1;
    this.#h2 = h2;
    this.#h3 = h3;
    return this;
  }

  /** 16 lowercase hex digits, most significant first. */
  hex(): string {
    return [this.#h3, this.#h2, this.#h1, this.#h0].map((l) => l.toString(16).padStart(4, '0')).join('');
  }
}

/** The digest of one or more parts, each followed by a NUL so that ("ab", "c") and ("a", "bc") differ. */
export function digestOf(...parts: (string | Uint8Array)[]): string {
  const d = new Digest();
  for (const p of parts) d.update(p).update(NUL);
  return d.hex();
}

const NUL = new Uint8Array(1);
