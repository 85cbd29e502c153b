import { createRequire } from 'node:module';

/**
 * Loads a CommonJS package while deferring some of the modules it requires at load time but that
 * sluice never (or rarely) calls, so they cost no memory until used. Used for dockerode (ssh2,
 * BuildKit's gRPC session) and prom-client (OpenTelemetry, for exemplars): ~25 MB of idle RSS in all.
 *
 * Only during the one synchronous require of `pkg`, a deferred request from a matching parent file
 * gets a stand-in that loads the real module on first use, so a call that does need it still works.
 * If a later version of the package stops requiring them by these names, they simply load as before.
 */
export interface Deferral {
  /** The request string as the package's code writes it (`'ssh2'`, `'./session'`). */
  readonly request: string;
  /** Matches the requiring file's path. */
  readonly parent: RegExp;
  /** Builds the stand-in; `load()` returns the real module (loaded once). */
  readonly standIn: (load: () => unknown) => unknown;
}

const requireCjs = createRequire(import.meta.url);

interface CjsLoader {
  _load(request: string, parent: { filename?: string | null } | null | undefined, isMain: boolean): unknown;
}

export function requireDeferring<T>(pkg: string, deferrals: readonly Deferral[]): T {
  const loader = requireCjs('node:module') as CjsLoader;
  const original = loader._load;
  loader._load = function (request, parent, isMain) {
    const d = deferrals.find((x) => x.request === request && x.parent.test(parent?.filename ?? ''));
    if (d) {
      let real: unknown;
      let loaded = false;
      return d.standIn(() => {
        if (!loaded) {
          real = original.call(loader, request, parent, false);
          loaded = true;
        }
        return real;
      });
    }
    return original.call(loader, request, parent, isMain);
  };
  try {
    return requireCjs(pkg) as T;
  } finally {
    loader._load = original;
  }
}

/** A stand-in for a module object whose properties are read only when used: loads on first read. */
export function lazyObject(load: () => unknown): unknown {
  const real = (): object => load() as object;
  return new Proxy(
    {},
    {
      get: (_t, key) => Reflect.get(real(), key),
      has: (_t, key) => Reflect.has(real(), key),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_t, key) => {
        const d = Reflect.getOwnPropertyDescriptor(real(), key);
        return d ? { ...d, configurable: true } : undefined;
      },
    },
  );
}

/** A stand-in for a module that is a function or a constructor: loads on first call or `new`. */
export function lazyFunction(load: () => unknown): unknown {
  return function (this: unknown, ...args: unknown[]) {
    const real = load() as new (...a: unknown[]) => unknown;
    return new.target ? Reflect.construct(real, args) : (real as unknown as (...a: unknown[]) => unknown).apply(this, args);
  };
}

/**
 * A stand-in for a module whose named functions or constructors are read at require time (a
 * destructuring `const { X } = require(...)`) but called later: each loads the module on first call
 * or `new`.
 */
export function lazyMembers(load: () => unknown, names: readonly string[]): unknown {
  const out: Record<string, unknown> = {};
  for (const name of names) out[name] = lazyFunction(() => (load() as Record<string, unknown>)[name]);
  return out;
}
