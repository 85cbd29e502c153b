import { inspect } from 'node:util';

/**
 * A secret value (ingestion key, token, password). It prints as `[redacted]` everywhere —
 * String(), template literals, JSON.stringify, util.inspect (so pino and console too) — and
 * gives its value only through `reveal()`, which sinks call at the moment they build a request.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return '[redacted]';
  }
}

/** A URL fit for a log line or an error: user name and password removed. `[unparseable]` when it is not a URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '[unparseable]';
  }
}
