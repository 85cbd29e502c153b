/**
 * Reads a logspout container's environment as people have it at hand:
 *  - `docker inspect` output (JSON: `[{Config: {Env: [...], Cmd: [...]}}]`, one object, or a bare
 *    `["K=V", …]` list); the command's first argument is logspout's route list when it holds `://`;
 *  - a Compose file (`services.<name>.environment` as a list or a map, and `command`), taking the
 *    service whose image mentions logspout, else the only service;
 *  - an env file: `KEY=VALUE` lines (`export`, quotes and `#` comments allowed), also the `- KEY=VALUE`
 *    and `KEY: value` lines of a pasted Compose `environment:` block.
 */
import { parse as parseYaml } from 'yaml';

export interface EnvInput {
  readonly env: Record<string, string>;
  /** Route URIs from the container's command (docker inspect, Compose), if any. */
  readonly routeArg?: string;
}

export type EnvFileResult = { readonly ok: true; readonly input: EnvInput } | { readonly ok: false; readonly reason: string };

function fromList(list: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  if (!Array.isArray(list)) return env;
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const eq = item.indexOf('=');
    if (eq > 0) env[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return env;
}

function routeFromCommand(cmd: unknown): string | undefined {
  const args = typeof cmd === 'string' ? cmd.trim().split(/\s+/) : Array.isArray(cmd) ? cmd.filter((a): a is string => typeof a === 'string') : [];
  const first = args.find((a) => a.includes('://'));
  return first?.replace(/^["']|["']$/g, '');
}

function fromInspect(doc: unknown): EnvFileResult | null {
  const obj = Array.isArray(doc) && doc.length > 0 && typeof doc[0] === 'object' ? doc[0] : doc;
  if (Array.isArray(obj)) return { ok: true, input: { env: fromList(obj) } };
  if (!obj || typeof obj !== 'object') return null;
  const config = (obj as { Config?: { Env?: unknown; Cmd?: unknown } }).Config;
  if (!config) return null;
  const routeArg = routeFromCommand((obj as { Args?: unknown }).Args ?? config.Cmd);
  return { ok: true, input: { env: fromList(config.Env), ...(routeArg && { routeArg }) } };
}

function fromCompose(doc: unknown): EnvFileResult | null {
  if (!doc || typeof doc !== 'object' || !('services' in doc)) return null;
  const services = Object.values((doc as { services: Record<string, unknown> }).services ?? {}).filter((s): s is Record<string, unknown> => !!s && typeof s === 'object');
  const svc = services.find((s) => typeof s.image === 'string' && /logspout/i.test(s.image)) ?? (services.length === 1 ? services[0] : undefined);
  if (!svc) return { ok: false, reason: 'the Compose file has several services and none runs a logspout image' };
  const e = svc.environment;
  const env: Record<string, string> = Array.isArray(e)
    ? fromList(e)
    : Object.fromEntries(Object.entries((e ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
  const routeArg = routeFromCommand(svc.command);
  return { ok: true, input: { env, ...(routeArg && { routeArg }) } };
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && t[0] === t.at(-1) && (t[0] === '"' || t[0] === "'")) {
    const body = t.slice(1, -1);
    return t[0] === '"' ? body.replace(/\\(["\\$n])/g, (_m, c: string) => (c === 'n' ? '\n' : c)) : body;
  }
  return t.replace(/\s+#.*$/, '');
}

function fromLines(text: string): EnvInput {
  const env: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    line = line.replace(/^-\s*/, '').replace(/^export\s+/, '');
    if (/^(["']).*\1$/.test(line) && line.length >= 2) line = line.slice(1, -1);
    const m = /^([A-Za-z_][A-Za-z0-9_.]*)(?:\s*=|:(?=\s|$))(.*)$/.exec(line);
    if (!m) continue;
    env[m[1]!] = unquote(m[2]!);
  }
  return { env };
}

export function readEnvText(text: string): EnvFileResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const r = fromInspect(JSON.parse(trimmed));
      if (r) return r;
    } catch {
      // not JSON: read as lines
    }
  }
  if (/^services\s*:/m.test(text)) {
    try {
      const r = fromCompose(parseYaml(text));
      if (r) return r;
    } catch (err) {
      return { ok: false, reason: `not a valid Compose file: ${(err as Error).message.split('\n')[0]}` };
    }
  }
  return { ok: true, input: fromLines(text) };
}
