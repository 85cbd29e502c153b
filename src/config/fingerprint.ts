/**
 * Stable digests of resolved config parts. Compiled things are reduced to their source text,
 * URLs to href, Secrets to a digest of their value (so a rotated key changes the fingerprint, yet
 * the digest input never holds the key itself; util/digest.ts: not cryptographic, so a fingerprint
 * is compared, never shown). Object keys are sorted: insertion order never matters.
 */
import { Digest, digestOf } from '../util/digest.js';
import { Secret } from '../util/secret.js';

function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Secret) return { secret: digestOf(value.reveal()) };
  if (value instanceof URL) return { url: value.href };
  if (value instanceof RegExp) return { regex: value.toString() };
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    // Pattern and Template carry their config text as `source`; their functions are not data.
    if (typeof obj.source === 'string' && (typeof obj.test === 'function' || typeof obj.render === 'function')) return { source: obj.source };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(obj).sort()) {
      if (k === 'fingerprint' || typeof obj[k] === 'function' || obj[k] === undefined) continue;
      out[k] = canonical(obj[k]);
    }
    return out;
  }
  return value;
}

/** The canonical JSON text of a resolved value (secrets hashed). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

export function fingerprintRoute(route: object): string {
  return new Digest().update(canonicalJson(route)).hex();
}
