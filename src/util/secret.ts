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
