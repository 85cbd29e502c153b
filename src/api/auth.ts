import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../util/secret.js';

/**
 * Bearer-token check. Both sides are hashed first, so the comparison is constant-time and does not
 * reveal the token's length either (timingSafeEqual needs equal lengths).
 */
export class BearerAuth {
  readonly #digest: Buffer;

  constructor(token: Secret) {
    this.#digest = sha256(token.reveal());
  }

  /** True when the `Authorization` header carries the token (scheme case-insensitive). */
  allows(header: string | undefined): boolean {
    if (header === undefined) return false;
    const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
    const given = sha256(m ? m[1]! : '');
    // Always compare, even on a malformed header, so timing does not tell the two apart.
    return timingSafeEqual(given, this.#digest) && m !== null;
  }
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
