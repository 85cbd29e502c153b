/* Generated from schema/sluice.schema.json by scripts/gen-config-types.ts (npm run gen:types). Do not edit. */

/**
 * A list of templates: text with {{ container.name }}, {{ container.labels.X }}, {{ container.image }}, {{ host }}, {{ source }} fields.
 */
export type TemplateList = string[];
/**
 * A duration: a whole number followed by ms, s, m or h.
 */
export type Duration = string;
/**
 * A size in bytes: a whole number, optionally followed by B, KiB, MiB, GiB, KB, MB or GB.
 */
export type Size = string | number;
/**
 * A pattern or a list of patterns (any may match): a glob (* any run of characters, ? one character), an exact value, or a /regex/ (RE2 syntax; see docs/patterns.md).
 */
export type PatternList = string | string[];
/**
 * Where the route delivers; `type` selects the kind.
 */
export type Destination = ConsoleDestination | HttpDestination | MezmoDestination | SyslogDestination | RawDestination;
/**
 * A syslog severity: a name (emerg, alert, crit, err, warning, notice, info, debug) or a number 0..7.
 */
export type Severity =
  'emerg' | 'alert' | 'crit' | 'err' | 'error' | 'warning' | 'warn' | 'notice' | 'info' | 'debug' | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * The sluice configuration file: which containers to collect, and the routes that deliver their log lines.
 */
export interface SluiceConfig {
  /**
   * Version of this file's format. Always 1.
   */
  version: 1;
  /**
   * The host name put on every record (a template: may use {{ container.name }} and the like). Empty or absent: the machine's host name.
   */
  hostname?: string;
  tags?: TemplateList;
  /**
   * Level of sluice's own logs (JSON lines on stderr).
   */
  log_level?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  shutdown_timeout?: Duration;
  /**
   * Where container logs come from. docker: the Docker Engine API (or Podman's). kubernetes: the pod log files the kubelet and containerd or CRI-O write under kubernetes.log_dir (nodes without Docker). auto: Docker when its socket answers at start, else kubernetes when kubernetes.log_dir exists.
   */
  source?: 'auto' | 'docker' | 'kubernetes';
  /**
   * How to reach the Docker Engine API and how to read container logs.
   */
  docker?: {
    /**
     * Docker endpoint (unix://, tcp://, http:// or https://); Podman's Docker-compatible socket works too. Absent: the DOCKER_HOST environment variable, else unix:///var/run/docker.sock, or when that socket is absent Podman's unix:///run/podman/podman.sock, then $XDG_RUNTIME_DIR/podman/podman.sock (the one connected to is logged).
     */
    host?: string;
    /**
     * Join the pieces of lines that Docker's json-file driver split at 16 KiB back into one line.
     */
    partial_merge?: boolean;
    max_line_bytes?: Size;
    /**
     * TLS for a tcp:// Docker endpoint. Absent: DOCKER_TLS_VERIFY and DOCKER_CERT_PATH from the environment are used when set.
     */
    tls?: {
      /**
       * CA certificate: a PEM file path, or PEM text.
       */
      ca?: string;
      /**
       * Client certificate: a PEM file path, or PEM text.
       */
      cert?: string;
      /**
       * Client private key: a PEM file path, or PEM text.
       */
      key?: string;
      /**
       * Verify the daemon's certificate.
       */
      verify?: boolean;
    };
  };
  /**
   * The pod log file source (source: kubernetes): files under log_dir, pod labels and annotations from the Kubernetes API.
   */
  kubernetes?: {
    /**
     * The kubelet's pod log directory, <log_dir>/<namespace>_<pod>_<uid>/<container>/<restart>.log. Mount it read-only.
     */
    log_dir?: string;
    /**
     * This node's name, to watch only its pods (fieldSelector spec.nodeName). Absent: the NODE_NAME environment variable (set it from the downward API, spec.nodeName). Empty: the API is not used.
     */
    node_name?: string;
    /**
     * Where pod labels and annotations come from. auto: the in-cluster service account when KUBERNETES_SERVICE_HOST is set, else off. off: path metadata only (no labels). An object: an explicit API server. While the API cannot be reached, lines keep flowing with the metadata from their paths and the labels last known.
     */
    api?:
      | ('auto' | 'off')
      | {
          /**
           * API server base URL, e.g. https://10.96.0.1:443.
           */
          url: string;
          /**
           * A bearer token file, read at every connection (projected tokens rotate).
           */
          token_file?: string;
          /**
           * CA certificate (PEM) the API server's certificate must chain to.
           */
          ca_file?: string;
        };
    max_line_bytes?: Size;
  };
  /**
   * Which containers are collected at all (before any route matching).
   */
  containers?: {
    /**
     * true: collect only containers labelled sluice.enable=true. false: collect every container except those labelled sluice.enable=false.
     */
    opt_in?: boolean;
    exclude?: ContainerMatch;
    /**
     * What to read from a container sluice has never seen before: none (from now on), all (every line Docker kept), tail:N (the last N lines) or since:DURATION (e.g. since:1h).
     */
    backfill?: string;
  };
  /**
   * Directory for checkpoints (what each destination acknowledged). null keeps state in memory only: a restart then follows the backfill setting.
   */
  state_dir?: string | null;
  /**
   * The HTTP API (/healthz, /readyz, /metrics, /status, /logs). null turns it off.
   */
  api?: {
    /**
     * Address to listen on, host:port.
     */
    listen?: string;
    /**
     * When set (non-empty), every endpoint but /healthz and /readyz requires the header Authorization: Bearer <token> (Kubernetes probes cannot send one).
     */
    token?: string | null;
    /**
     * Allow listening on a non-loopback address without a token. Without it, such a config is rejected, because /logs streams every container's logs.
     */
    allow_insecure_listen?: boolean;
  } | null;
  /**
   * How changes to this file are picked up.
   */
  reload?: {
    debounce?: Duration;
    poll_interval?: Duration;
  };
  /**
   * Buffer, flush and retry settings every route gets unless it overrides them (per key).
   */
  defaults?: {
    buffer?: Buffer;
    flush?: Flush;
    retry?: Retry;
  };
  /**
   * The routes. A record goes to every route that matches it. Names must be unique.
   */
  routes: Route[];
}
/**
 * Container conditions. Every key given must hold; inside a list any element may match.
 */
export interface ContainerMatch {
  name?: PatternList;
  /**
   * Container id prefixes.
   */
  id?: string | string[];
  image?: PatternList;
  /**
   * Labels that must be present, each with a value that matches the given pattern; "*" only requires the label to be present.
   */
  labels?: {
    [k: string]: string | number | boolean;
  };
  /**
   * Stream of the line: stdout, stderr, or a list of them.
   */
  source?: string | ('stdout' | 'stderr')[];
  compose_project?: PatternList;
  compose_service?: PatternList;
  k8s_namespace?: PatternList;
  k8s_pod?: PatternList;
}
/**
 * A route's buffer, bounded by lines and bytes.
 */
export interface Buffer {
  /**
   * Most lines the buffer holds.
   */
  max_lines?: number;
  max_bytes?: Size;
  /**
   * What happens when the buffer is full: block (pause reading the containers that feed this route; Docker keeps their logs), drop_newest or drop_oldest (drop and count).
   */
  when_full?: 'block' | 'drop_newest' | 'drop_oldest';
}
/**
 * When a batch is sent: after interval, or as soon as it reaches max_lines or max_bytes.
 */
export interface Flush {
  interval?: Duration;
  /**
   * Most lines in one batch.
   */
  max_lines?: number;
  max_bytes?: Size;
}
/**
 * Retries of a failed batch (network errors, timeouts, 429 and 5xx), with exponential backoff and jitter.
 */
export interface Retry {
  /**
   * Most attempts per batch; 0 retries forever.
   */
  max_attempts?: number;
  initial_backoff?: Duration;
  max_backoff?: Duration;
}
/**
 * A route: match → filter → multiline → enrich → buffer → batch → destination.
 */
export interface Route {
  /**
   * Unique name of the route (lower case letters, digits, _ and -), used in metrics and logs.
   */
  name: string;
  match?: ContainerMatch;
  exclude?: ContainerMatch;
  /**
   * Line filters on the line's text: a /regex/ (RE2 syntax, run in time linear in the line; see docs/patterns.md) or a plain substring.
   */
  filter?: {
    /**
     * Keep only lines matching one of these. Absent or empty: keep every line.
     */
    include?: string[];
    /**
     * Drop lines matching one of these.
     */
    exclude?: string[];
  };
  /**
   * Join continuation lines (stack traces) to the line that started them.
   */
  multiline?: {
    /**
     * Regular expression (without slashes, RE2 syntax: no lookaround or backreferences; see docs/patterns.md) matching the first line of a record; other lines continue the previous record.
     */
    start: string;
    /**
     * Most lines joined into one record.
     */
    max_lines?: number;
    timeout?: Duration;
  };
  tags?: TemplateList;
  destination: Destination;
  buffer?: Buffer;
  flush?: Flush;
  retry?: Retry;
}
/**
 * One line per record on sluice's stdout.
 */
export interface ConsoleDestination {
  /**
   * console
   */
  type: 'console';
  /**
   * text (`name source | line`) or json (one JSON object per line).
   */
  format?: 'text' | 'json';
  /**
   * In text format, whether control characters in a line (terminal escape sequences, \n, \r) are shown as text such as \x1b: always (the default; container logs are read on terminals, through docker logs or kubectl logs, that sluice cannot see), auto (only when stdout is a terminal), or never (keep the bytes, for a pipeline). Tab is never escaped; json output is always escaped.
   */
  escape?: 'always' | 'auto' | 'never';
}
/**
 * POST batches to an HTTP(S) endpoint.
 */
export interface HttpDestination {
  /**
   * http
   */
  type: 'http';
  /**
   * Endpoint URL (http:// or https://). Credentials in it (user:password@) become basic auth and are never logged.
   */
  url: string;
  /**
   * Body format: ndjson (one JSON record per line), json_array, or text (the lines only).
   */
  encoding?: 'ndjson' | 'json_array' | 'text';
  /**
   * Body compression.
   */
  compression?: 'none' | 'gzip';
  /**
   * Extra request headers. Values are treated as secrets.
   */
  headers?: {
    [k: string]: string;
  };
  /**
   * Authentication: { type: basic, user, password } or { type: bearer, token }.
   */
  auth?: BasicAuth | BearerAuth;
  tls?: Tls;
  timeout?: Duration;
}
export interface BasicAuth {
  /**
   * basic
   */
  type: 'basic';
  /**
   * User name.
   */
  user: string;
  /**
   * Password.
   */
  password: string;
}
export interface BearerAuth {
  /**
   * bearer
   */
  type: 'bearer';
  /**
   * Bearer token.
   */
  token: string;
}
/**
 * TLS settings of a destination.
 */
export interface Tls {
  /**
   * CA certificate(s) to trust: a PEM file path, or PEM text. Absent: the system's CAs.
   */
  ca?: string;
  /**
   * Client certificate: a PEM file path, or PEM text.
   */
  cert?: string;
  /**
   * Client private key: a PEM file path, or PEM text.
   */
  key?: string;
  /**
   * Do not verify the server's certificate (testing only).
   */
  insecure_skip_verify?: boolean;
  /**
   * Server name to send (SNI) and to verify, when it differs from the URL's host.
   */
  server_name?: string;
}
/**
 * Mezmo (LogDNA) ingestion API.
 */
export interface MezmoDestination {
  /**
   * mezmo
   */
  type: 'mezmo';
  /**
   * Ingestion key (use ${MEZMO_INGESTION_KEY} or ${file:/run/secrets/mezmo}).
   */
  key: string;
  /**
   * Ingestion endpoint; an on-premise URL works too.
   */
  url?: string;
  /**
   * How the key is sent: basic (the key as user name, empty password) or header (an apikey header).
   */
  auth?: 'basic' | 'header';
  /**
   * hostname sent to Mezmo (template). Absent: the record's host.
   */
  hostname?: string;
  /**
   * app of each line (template). Absent: the container name.
   */
  app?: string;
  tags?: TemplateList;
  /**
   * Level sent for each stream.
   */
  level?: {
    /**
     * Level of stdout lines.
     */
    stdout?: string;
    /**
     * Level of stderr lines.
     */
    stderr?: string;
  };
  max_line_bytes?: Size;
  tls?: Tls;
  timeout?: Duration;
}
/**
 * A syslog server over UDP, TCP or TLS.
 */
export interface SyslogDestination {
  /**
   * syslog
   */
  type: 'syslog';
  /**
   * udp://host[:port], tcp://host[:port] (default port 514) or tls://host[:port] (default 6514).
   */
  url: string;
  /**
   * Message format.
   */
  format?: 'rfc5424' | 'rfc3164';
  /**
   * Framing over TCP: octet_counting (RFC 6587) or newline. TLS always uses octet_counting.
   */
  framing?: 'octet_counting' | 'newline';
  /**
   * Facility: a name (kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp, security, console, solaris-cron, local0..local7) or a number 0..23.
   */
  facility?:
    | 'kern'
    | 'user'
    | 'mail'
    | 'daemon'
    | 'auth'
    | 'syslog'
    | 'lpr'
    | 'news'
    | 'uucp'
    | 'cron'
    | 'authpriv'
    | 'ftp'
    | 'ntp'
    | 'security'
    | 'console'
    | 'solaris-cron'
    | 'local0'
    | 'local1'
    | 'local2'
    | 'local3'
    | 'local4'
    | 'local5'
    | 'local6'
    | 'local7'
    | 0
    | 1
    | 2
    | 3
    | 4
    | 5
    | 6
    | 7
    | 8
    | 9
    | 10
    | 11
    | 12
    | 13
    | 14
    | 15
    | 16
    | 17
    | 18
    | 19
    | 20
    | 21
    | 22
    | 23;
  /**
   * Severity for each stream.
   */
  severity?: {
    stdout?: Severity;
    stderr?: Severity;
  };
  /**
   * APP-NAME / TAG (template). Absent: the container name.
   */
  app_name?: string;
  /**
   * HOSTNAME (template). Absent: the record's host.
   */
  hostname?: string;
  /**
   * Add the container metadata as RFC 5424 structured data.
   */
  structured_data?: boolean;
  max_udp_bytes?: Size;
  tls?: Tls;
  timeout?: Duration;
}
/**
 * One rendered template per line over TCP (newline-terminated), UDP (one datagram per line) or TLS.
 */
export interface RawDestination {
  /**
   * raw
   */
  type: 'raw';
  /**
   * tcp://host:port, udp://host:port or tls://host:port.
   */
  url: string;
  /**
   * What is sent for each line (template; {{ line }} is the line's text, {{ time }} Docker's timestamp). Absent: the line itself.
   */
  template?: string;
  max_udp_bytes?: Size;
  tls?: Tls;
  timeout?: Duration;
}
