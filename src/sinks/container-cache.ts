import type { ContainerInfo, LogRecord } from '../core/record.js';

/** One (host, tag list) a container's records were seen with, and what was made for each stream. */
interface Entry<T> {
  readonly host: string;
  readonly tags: readonly string[];
  stdout?: T;
  stderr?: T;
}

/** More (host, tag list) pairs per container than routes with distinct tags give: the oldest goes. */
const MAX_ENTRIES = 8;

/**
 * What a sink writes around a line that depends only on the record's container, host, tag list and
 * stream (syslog's header fields after the timestamp, the JSON after `line`): made once per such
 * combination instead of once per line. A truncated record says so in that text, so it is made
 * afresh (rare). Containers are keys of a WeakMap: a removed container's entries go with it.
 */
export class ContainerCache<T> {
  readonly #byContainer = new WeakMap<ContainerInfo, Entry<T>[]>();
  readonly #make: (r: LogRecord) => T;

  constructor(make: (r: LogRecord) => T) {
    this.#make = make;
  }

  get(r: LogRecord): T {
    if (r.truncated) return this.#make(r);
    let list = this.#byContainer.get(r.container);
    if (list === undefined) {
      list = [];
      this.#byContainer.set(r.container, list);
    }
    let e: Entry<T> | undefined;
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      if (x.host === r.host && x.tags === r.tags) {
        e = x;
        break;
      }
    }
    if (e === undefined) {
      if (list.length === MAX_ENTRIES) list.shift();
      e = { host: r.host, tags: r.tags };
      list.push(e);
    }
    if (r.source === 'stderr') return (e.stderr ??= this.#make(r));
    return (e.stdout ??= this.#make(r));
  }
}
