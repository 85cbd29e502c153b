/**
 * The resolved configuration: what every other part of sluice consumes. It is produced by
 * config/resolve.ts from the raw YAML (types generated from schema/sluice.schema.json):
 * environment interpolated, `defaults:` merged into every route, durations in milliseconds,
 * sizes in bytes, patterns and templates compiled (a bad one is a config error, never a runtime crash),
 * secrets wrapped in `Secret`.
 *
 * Resolved objects are immutable; a reload builds a new one and config/diff.ts compares them.
 */
import type { EscapeMode } from '../util/control.js';
import type { Secret } from '../util/secret.js';
import type { ContainerInfo, LogRecord, Stream } from '../core/record.js';

/** A compiled glob (`api-*`) or `/regex/` test. `source` is the text from the config, for messages. */
export interface Pattern {
  readonly source: string;
  test(value: string): boolean;
}

/** A compiled `{{ container.name }}` template. Constant templates render without allocating. */
export interface Template {
  readonly source: string;
  readonly constant: boolean;
  render(ctx: TemplateContext): string;
}

export interface TemplateContext {
  readonly container: ContainerInfo;
  readonly host: string;
  readonly source?: Stream;
  /** The line's text, for per-line templates (the raw destination); other templates leave it out. */
  readonly line?: string;
  /** Docker's timestamp of the line, for per-line templates. */
  readonly time?: string;
}

/**
 * Container conditions (`match`, `exclude`, `containers.exclude`). Every present key must hold (AND);
 * inside a list any element may match (OR). Labels: exact value, glob, or "*" = present;
 * a missing label never matches.
 */
export interface ContainerMatch {
  readonly name?: readonly Pattern[];
  readonly id?: readonly string[]; // prefixes
  readonly image?: readonly Pattern[];
  readonly labels?: Readonly<Record<string, Pattern>>;
  readonly source?: readonly Stream[];
  readonly compose_project?: readonly Pattern[];
  readonly compose_service?: readonly Pattern[];
  readonly k8s_namespace?: readonly Pattern[];
  readonly k8s_pod?: readonly Pattern[];
}

export type WhenFull = 'block' | 'drop_newest' | 'drop_oldest';

export interface BufferConfig {
  readonly maxLines: number;
  readonly maxBytes: number;
  readonly whenFull: WhenFull;
}
export interface FlushConfig {
  readonly intervalMs: number;
  readonly maxLines: number;
  readonly maxBytes: number;
}
export interface RetryConfig {
  /** 0 = retry forever. */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export interface TlsConfig {
  /** PEM contents (read at load time), not paths. */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: Secret;
  readonly insecureSkipVerify: boolean;
  readonly serverName?: string;
}

export interface ConsoleDestination {
  readonly type: 'console';
  readonly format: 'text' | 'json';
  readonly escape?: EscapeMode; // default always
}
export interface HttpDestination {
  readonly type: 'http';
  readonly url: URL; // credentials removed from it; see `auth`
  readonly encoding: 'ndjson' | 'json_array' | 'text';
  readonly compression: 'none' | 'gzip';
  /** Header values may hold secrets (Authorization). */
  readonly headers: Readonly<Record<string, Secret>>;
  readonly auth?: { readonly kind: 'basic'; readonly user: string; readonly password: Secret } | { readonly kind: 'bearer'; readonly token: Secret };
  readonly tls: TlsConfig;
  readonly timeoutMs: number;
}
export interface MezmoDestination {
  readonly type: 'mezmo';
  readonly key: Secret;
  readonly url: URL;
  readonly auth: 'basic' | 'header';
  readonly hostname?: Template; // default: the record's host
  readonly app?: Template; // default: container name
  readonly tags: readonly Template[];
  readonly levelStdout: string; // INFO
  readonly levelStderr: string; // ERROR
  readonly maxLineBytes: number; // 16 KiB
  readonly tls: TlsConfig;
  readonly timeoutMs: number;
}
export interface SyslogDestination {
  readonly type: 'syslog';
  readonly url: URL; // udp://, tcp://, tls://
  readonly format: 'rfc5424' | 'rfc3164';
  readonly framing: 'octet_counting' | 'newline';
  readonly facility: number; // 0..23
  readonly severityStdout: number; // 0..7
  readonly severityStderr: number;
  readonly appName?: Template; // default: container name
  readonly hostname?: Template; // default: record host
  readonly structuredData: boolean;
  readonly maxUdpBytes: number;
  readonly tls: TlsConfig;
  readonly timeoutMs: number;
}
export interface RawDestination {
  readonly type: 'raw';
  readonly url: URL; // tcp://, udp://, tls://
  readonly template?: Template; // default: the line
  readonly maxUdpBytes: number;
  readonly tls: TlsConfig;
  readonly timeoutMs: number;
}
export type Destination = ConsoleDestination | HttpDestination | MezmoDestination | SyslogDestination | RawDestination;

export interface MultilineConfig {
  readonly start: Pattern;
  readonly maxLines: number;
  readonly timeoutMs: number;
}

export interface RouteConfig {
  readonly name: string;
  readonly match?: ContainerMatch;
  readonly exclude?: ContainerMatch;
  readonly filter: { readonly include: readonly Pattern[]; readonly exclude: readonly Pattern[] };
  readonly multiline?: MultilineConfig;
  readonly tags: readonly Template[];
  readonly destination: Destination;
  readonly buffer: BufferConfig;
  readonly flush: FlushConfig;
  readonly retry: RetryConfig;
  /**
   * A stable digest of everything above (secrets included, hashed), used by the reload diff:
   * equal fingerprints = the same route, kept running.
   */
  readonly fingerprint: string;
}

export type Backfill = { readonly kind: 'none' } | { readonly kind: 'all' } | { readonly kind: 'tail'; readonly lines: number } | { readonly kind: 'since'; readonly ms: number };

export interface DockerConfig {
  /** Resolved endpoint: config `docker.host`, else DOCKER_HOST, else unix:///var/run/docker.sock. */
  readonly host: string;
  /**
   * Only when neither `docker.host` nor DOCKER_HOST is set: Podman's sockets (rootful, then rootless),
   * tried in order when `host` is absent at connection time (docker/discover.ts).
   */
  readonly fallbacks?: readonly string[];
  readonly tls?: { readonly ca?: string; readonly cert?: string; readonly key?: Secret; readonly verify: boolean };
  readonly partialMerge: boolean;
  readonly maxLineBytes: number;
}

export interface KubernetesConfig {
  readonly logDir: string;
  /** '' when unknown (the API is then not used). */
  readonly nodeName: string;
  /** The API server to watch pods on, or null (off, or auto outside a cluster, or no node name). */
  readonly api: { readonly url: string; readonly tokenFile?: string; readonly caFile?: string } | null;
  /** Why `api` is null when it was asked for (auto in a cluster without a node name), for the log. */
  readonly apiNote?: string;
  readonly maxLineBytes: number;
}

export type SourceKind = 'auto' | 'docker' | 'kubernetes';

export interface ResolvedConfig {
  /** Absolute path of the file it came from (or '<embedded>'). */
  readonly file: string;
  /** A digest (util/digest.ts, 16 hex digits) of the file bytes plus every `${file:}` it read. */
  readonly hash: string;
  readonly version: 1;
  /** Rendered per container (may use templates); default: the host's name. */
  readonly hostname: Template;
  readonly tags: readonly Template[];
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  readonly docker: DockerConfig;
  readonly source: SourceKind;
  readonly kubernetes: KubernetesConfig;
  readonly containers: {
    readonly optIn: boolean;
    readonly exclude?: ContainerMatch;
    readonly backfill: Backfill;
  };
  readonly stateDir: string | null;
  readonly api: { readonly listen: string; readonly token: Secret | null; readonly allowInsecureListen: boolean } | null;
  readonly shutdownTimeoutMs: number;
  readonly reload: { readonly debounceMs: number; readonly pollIntervalMs: number };
  readonly routes: readonly RouteConfig[];
  /** Files read through `${file:...}` (the reloader watches them too). */
  readonly secretFiles: readonly string[];
}

export type { LogRecord };
