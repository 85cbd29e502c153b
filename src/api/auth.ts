import type { Secret } from '../util/secret.js';

/**
 * Bearer-token check. Both sides are hashed first, so the comparison is constant-time and does not
 * reveal the token's length either (timingSafeEqual needs equal lengths). node:crypto is taken on the
 * first request, not when the config is applied: an agent nobody asks never initialises OpenSSL
 * (util/digest.ts says what that costs).
 */
export class BearerAuth {
  readonly #token: Secret;
  #digest: Buffer | undefined;

  constructor(token: Secret) {
    this.#token = token;
  }

  /** True when the `Authorization` header carries the token (scheme case-insensitive). */
  allows(header: string | undefined): boolean {
    if (header === undefined) return false;
    const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
    const given = sha256(m ? m[1]! : '');
    this.#digest ??= sha256(this.#token.reveal());
    // Always compare, even on a malformed header, so timing does not tell the two apart.
    return process.getBuiltinModule('node:crypto').timingSafeEqual(given, this.#digest) && m !== null;
  }
}

function sha256(s: string): Buffer {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(s, 'utf8').digest();
}
