// Generated from schema/sluice.schema.json by scripts/gen-validator.ts (npm run gen:types). Do not edit.
// @ts-nocheck
/* eslint-disable */
import { xRegex, xPattern, xTemplate, xUnique } from './keywords.js';
import runtime_ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
const runtime_ucs2length = runtime_ucs2lengthModule.default;
// ajv calls keyword checks with its instance as `this` (`self` in its code); these never read it.
const self = undefined;

export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://github.com/sluice/sluice/schema/sluice.schema.json","title":"SluiceConfig","description":"The sluice configuration file: which containers to collect, and the routes that deliver their log lines.","type":"object","additionalProperties":false,"required":["version","routes"],"properties":{"version":{"description":"Version of this file's format. Always 1.","const":1,"x-expected":"1"},"hostname":{"description":"The host name put on every record (a template: may use {{ container.name }} and the like). Empty or absent: the machine's host name.","type":"string","x-template":true},"tags":{"description":"Tags added to every record (templates).","$ref":"#/$defs/templateList"},"log_level":{"description":"Level of sluice's own logs (JSON lines on stderr).","type":"string","enum":["trace","debug","info","warn","error","fatal"],"default":"info"},"shutdown_timeout":{"description":"On SIGTERM/SIGINT, how long sluice waits for every buffer to flush before it exits.","$ref":"#/$defs/duration","default":"10s"},"source":{"description":"Where container logs come from. docker: the Docker Engine API (or Podman's). kubernetes: the pod log files the kubelet and containerd or CRI-O write under kubernetes.log_dir (nodes without Docker). auto: Docker when its socket answers at start, else kubernetes when kubernetes.log_dir exists.","type":"string","enum":["auto","docker","kubernetes"],"default":"auto"},"docker":{"description":"How to reach the Docker Engine API and how to read container logs.","type":"object","additionalProperties":false,"default":{},"properties":{"host":{"description":"Docker endpoint (unix://, tcp://, http:// or https://); Podman's Docker-compatible socket works too. Absent: the DOCKER_HOST environment variable, else unix:///var/run/docker.sock, or when that socket is absent Podman's unix:///run/podman/podman.sock, then $XDG_RUNTIME_DIR/podman/podman.sock (the one connected to is logged).","type":"string","pattern":"^(unix|tcp|http|https|npipe)://.+$","x-expected":"a Docker endpoint such as unix:///var/run/docker.sock or tcp://host:2376"},"partial_merge":{"description":"Join the pieces of lines that Docker's json-file driver split at 16 KiB back into one line.","type":"boolean","default":true},"max_line_bytes":{"description":"Lines longer than this are cut and marked truncated.","$ref":"#/$defs/size","default":"256KiB"},"tls":{"description":"TLS for a tcp:// Docker endpoint. Absent: DOCKER_TLS_VERIFY and DOCKER_CERT_PATH from the environment are used when set.","type":"object","additionalProperties":false,"properties":{"ca":{"description":"CA certificate: a PEM file path, or PEM text.","type":"string","minLength":1},"cert":{"description":"Client certificate: a PEM file path, or PEM text.","type":"string","minLength":1},"key":{"description":"Client private key: a PEM file path, or PEM text.","type":"string","minLength":1},"verify":{"description":"Verify the daemon's certificate.","type":"boolean","default":true}}}}},"kubernetes":{"description":"The pod log file source (source: kubernetes): files under log_dir, pod labels and annotations from the Kubernetes API.","type":"object","additionalProperties":false,"default":{},"properties":{"log_dir":{"description":"The kubelet's pod log directory, <log_dir>/<namespace>_<pod>_<uid>/<container>/<restart>.log. Mount it read-only.","type":"string","minLength":1,"default":"/var/log/pods"},"node_name":{"description":"This node's name, to watch only its pods (fieldSelector spec.nodeName). Absent: the NODE_NAME environment variable (set it from the downward API, spec.nodeName). Empty: the API is not used.","type":"string"},"api":{"description":"Where pod labels and annotations come from. auto: the in-cluster service account when KUBERNETES_SERVICE_HOST is set, else off. off: path metadata only (no labels). An object: an explicit API server. While the API cannot be reached, lines keep flowing with the metadata from their paths and the labels last known.","default":"auto","oneOf":[{"type":"string","enum":["auto","off"]},{"type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"description":"API server base URL, e.g. https://10.96.0.1:443.","type":"string","pattern":"^https?://.+$","x-expected":"an http:// or https:// URL"},"token_file":{"description":"A bearer token file, read at every connection (projected tokens rotate).","type":"string","minLength":1},"ca_file":{"description":"CA certificate (PEM) the API server's certificate must chain to.","type":"string","minLength":1}}}],"x-expected":"auto, off, or { url, token_file, ca_file }"},"max_line_bytes":{"description":"Lines longer than this (after joining the runtime's P pieces) are cut and marked truncated.","$ref":"#/$defs/size","default":"256KiB"}}},"containers":{"description":"Which containers are collected at all (before any route matching).","type":"object","additionalProperties":false,"default":{},"properties":{"opt_in":{"description":"true: collect only containers labelled sluice.enable=true. false: collect every container except those labelled sluice.enable=false.","type":"boolean","default":false},"exclude":{"description":"Containers matching these conditions are never collected.","$ref":"#/$defs/match"},"backfill":{"description":"What to read from a container sluice has never seen before: none (from now on), all (every line Docker kept), tail:N (the last N lines) or since:DURATION (e.g. since:1h).","type":"string","pattern":"^(none|all|tail:[0-9]+|since:[0-9]+(ms|s|m|h))$","x-expected":"none, all, tail:N or since:DURATION (e.g. tail:100, since:1h)","default":"none"}}},"state_dir":{"description":"Directory for checkpoints (what each destination acknowledged). null keeps state in memory only: a restart then follows the backfill setting.","type":["string","null"],"minLength":1,"default":"/var/lib/sluice"},"api":{"description":"The HTTP API (/healthz, /readyz, /metrics, /status, /logs). null turns it off.","type":["object","null"],"additionalProperties":false,"default":{},"properties":{"listen":{"description":"Address to listen on, host:port.","type":"string","pattern":"^(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]]*):[0-9]{1,5}$","x-expected":"host:port, e.g. 127.0.0.1:8080","default":"127.0.0.1:8080"},"token":{"description":"When set (non-empty), every endpoint but /healthz and /readyz requires the header Authorization: Bearer <token> (Kubernetes probes cannot send one).","type":["string","null"],"x-secret":true},"allow_insecure_listen":{"description":"Allow listening on a non-loopback address without a token. Without it, such a config is rejected, because /logs streams every container's logs.","type":"boolean","default":false}}},"reload":{"description":"How changes to this file are picked up.","type":"object","additionalProperties":false,"default":{},"properties":{"debounce":{"description":"Wait this long after the last change event before re-reading the file.","$ref":"#/$defs/duration","default":"200ms"},"poll_interval":{"description":"Also re-read and hash the file this often, in case a change event was missed.","$ref":"#/$defs/duration","default":"5s"}}},"defaults":{"description":"Buffer, flush and retry settings every route gets unless it overrides them (per key).","type":"object","additionalProperties":false,"default":{},"properties":{"buffer":{"description":"Default buffer of every route.","$ref":"#/$defs/buffer","default":{}},"flush":{"description":"Default flush settings of every route.","$ref":"#/$defs/flush","default":{}},"retry":{"description":"Default retry settings of every route.","$ref":"#/$defs/retry","default":{}}}},"routes":{"description":"The routes. A record goes to every route that matches it. Names must be unique.","type":"array","items":{"$ref":"#/$defs/route"},"x-unique":"name"}},"$defs":{"duration":{"title":"Duration","description":"A duration: a whole number followed by ms, s, m or h.","type":"string","pattern":"^[0-9]+(ms|s|m|h)$","x-expected":"a duration such as 500ms, 1s, 5m or 1h"},"size":{"title":"Size","description":"A size in bytes: a whole number, optionally followed by B, KiB, MiB, GiB, KB, MB or GB.","type":["string","integer"],"pattern":"^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$","minimum":0,"x-expected":"a size such as 4096, 512KiB or 8MiB"},"patternList":{"title":"PatternList","description":"A pattern or a list of patterns (any may match): a glob (* any run of characters, ? one character), an exact value, or a /regex/ (RE2 syntax; see docs/patterns.md).","type":["string","array"],"x-pattern":true,"items":{"type":"string","x-pattern":true},"x-expected":"a pattern or a list of patterns"},"templateList":{"title":"TemplateList","description":"A list of templates: text with {{ container.name }}, {{ container.labels.X }}, {{ container.image }}, {{ host }}, {{ source }} fields.","type":"array","items":{"type":"string","x-template":true},"x-expected":"a list of strings"},"match":{"title":"ContainerMatch","description":"Container conditions. Every key given must hold; inside a list any element may match.","type":"object","additionalProperties":false,"properties":{"name":{"description":"Container name (without Docker's leading slash).","$ref":"#/$defs/patternList"},"id":{"description":"Container id prefixes.","type":["string","array"],"items":{"type":"string","pattern":"^[0-9a-f]+$","x-expected":"a hexadecimal container id prefix"},"pattern":"^[0-9a-f]+$","x-expected":"a hexadecimal container id prefix, or a list of them"},"image":{"description":"Image the container was created from.","$ref":"#/$defs/patternList"},"labels":{"description":"Labels that must be present, each with a value that matches the given pattern; \"*\" only requires the label to be present.","type":"object","additionalProperties":{"type":["string","number","boolean"],"x-pattern":true,"x-expected":"a label value pattern"}},"source":{"description":"Stream of the line: stdout, stderr, or a list of them.","type":["string","array"],"pattern":"^(stdout|stderr)$","items":{"type":"string","enum":["stdout","stderr"]},"x-expected":"stdout, stderr, or a list of them"},"compose_project":{"description":"Docker Compose project (label com.docker.compose.project).","$ref":"#/$defs/patternList"},"compose_service":{"description":"Docker Compose service (label com.docker.compose.service).","$ref":"#/$defs/patternList"},"k8s_namespace":{"description":"Kubernetes namespace (label io.kubernetes.pod.namespace).","$ref":"#/$defs/patternList"},"k8s_pod":{"description":"Kubernetes pod name (label io.kubernetes.pod.name).","$ref":"#/$defs/patternList"}}},"buffer":{"title":"Buffer","description":"A route's buffer, bounded by lines and bytes.","type":"object","additionalProperties":false,"properties":{"max_lines":{"description":"Most lines the buffer holds.","type":"integer","minimum":1,"default":10000},"max_bytes":{"description":"Most bytes the buffer holds.","$ref":"#/$defs/size","default":"8MiB"},"when_full":{"description":"What happens when the buffer is full: block (pause reading the containers that feed this route; Docker keeps their logs), drop_newest or drop_oldest (drop and count).","type":"string","enum":["block","drop_newest","drop_oldest"],"default":"block"}}},"flush":{"title":"Flush","description":"When a batch is sent: after interval, or as soon as it reaches max_lines or max_bytes.","type":"object","additionalProperties":false,"properties":{"interval":{"description":"Send a non-empty batch at least this often.","$ref":"#/$defs/duration","default":"1s"},"max_lines":{"description":"Most lines in one batch.","type":"integer","minimum":1,"default":1000},"max_bytes":{"description":"Most bytes in one batch.","$ref":"#/$defs/size","default":"1MiB"}}},"retry":{"title":"Retry","description":"Retries of a failed batch (network errors, timeouts, 429 and 5xx), with exponential backoff and jitter.","type":"object","additionalProperties":false,"properties":{"max_attempts":{"description":"Most attempts per batch; 0 retries forever.","type":"integer","minimum":0,"default":0},"initial_backoff":{"description":"Wait before the first retry.","$ref":"#/$defs/duration","default":"500ms"},"max_backoff":{"description":"Longest wait between retries.","$ref":"#/$defs/duration","default":"30s"}}},"tls":{"title":"Tls","description":"TLS settings of a destination.","type":"object","additionalProperties":false,"properties":{"ca":{"description":"CA certificate(s) to trust: a PEM file path, or PEM text. Absent: the system's CAs.","type":"string","minLength":1},"cert":{"description":"Client certificate: a PEM file path, or PEM text.","type":"string","minLength":1},"key":{"description":"Client private key: a PEM file path, or PEM text.","type":"string","minLength":1,"x-secret":true},"insecure_skip_verify":{"description":"Do not verify the server's certificate (testing only).","type":"boolean","default":false},"server_name":{"description":"Server name to send (SNI) and to verify, when it differs from the URL's host.","type":"string","minLength":1}}},"timeout":{"title":"Timeout","description":"How long one send may take before it counts as failed (and is retried).","$ref":"#/$defs/duration","default":"10s"},"route":{"title":"Route","description":"A route: match → filter → multiline → enrich → buffer → batch → destination.","type":"object","additionalProperties":false,"required":["name","destination"],"properties":{"name":{"description":"Unique name of the route (lower case letters, digits, _ and -), used in metrics and logs.","type":"string","pattern":"^[a-z0-9][a-z0-9_-]*$","x-expected":"a name of lower case letters, digits, _ and -, starting with a letter or digit"},"match":{"description":"Containers this route takes. Absent: every collected container.","$ref":"#/$defs/match"},"exclude":{"description":"Containers this route never takes, even when they match.","$ref":"#/$defs/match"},"filter":{"description":"Line filters on the line's text: a /regex/ (RE2 syntax, run in time linear in the line; see docs/patterns.md) or a plain substring.","type":"object","additionalProperties":false,"properties":{"include":{"description":"Keep only lines matching one of these. Absent or empty: keep every line.","type":"array","items":{"type":"string","x-pattern":true}},"exclude":{"description":"Drop lines matching one of these.","type":"array","items":{"type":"string","x-pattern":true}}}},"multiline":{"description":"Join continuation lines (stack traces) to the line that started them.","type":"object","additionalProperties":false,"required":["start"],"properties":{"start":{"description":"Regular expression (without slashes, RE2 syntax: no lookaround or backreferences; see docs/patterns.md) matching the first line of a record; other lines continue the previous record.","type":"string","minLength":1,"x-regex":true},"max_lines":{"description":"Most lines joined into one record.","type":"integer","minimum":1,"default":500},"timeout":{"description":"Emit a pending record after this long without a new line.","$ref":"#/$defs/duration","default":"1s"}}},"tags":{"description":"Tags added to this route's records (templates), after the global tags.","$ref":"#/$defs/templateList"},"destination":{"description":"Where this route delivers: a mapping with type (console, http, mezmo, syslog or raw) and that destination's keys.","$ref":"#/$defs/destination"},"buffer":{"description":"Overrides defaults.buffer, per key.","$ref":"#/$defs/buffer"},"flush":{"description":"Overrides defaults.flush, per key.","$ref":"#/$defs/flush"},"retry":{"description":"Overrides defaults.retry, per key.","$ref":"#/$defs/retry"}}},"destination":{"title":"Destination","description":"Where the route delivers; `type` selects the kind.","type":"object","required":["type"],"discriminator":{"propertyName":"type"},"oneOf":[{"$ref":"#/$defs/console"},{"$ref":"#/$defs/http"},{"$ref":"#/$defs/mezmo"},{"$ref":"#/$defs/syslog"},{"$ref":"#/$defs/raw"}]},"console":{"title":"ConsoleDestination","description":"One line per record on sluice's stdout.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"description":"console","const":"console"},"format":{"description":"text (`name source | line`) or json (one JSON object per line).","type":"string","enum":["text","json"],"default":"text"},"escape":{"description":"In text format, whether control characters in a line (terminal escape sequences, \\n, \\r) are shown as text such as \\x1b: always (the default; container logs are read on terminals, through docker logs or kubectl logs, that sluice cannot see), auto (only when stdout is a terminal), or never (keep the bytes, for a pipeline). Tab is never escaped; json output is always escaped.","type":"string","enum":["always","auto","never"],"default":"always"}}},"http":{"title":"HttpDestination","description":"POST batches to an HTTP(S) endpoint.","type":"object","additionalProperties":false,"required":["type","url"],"properties":{"type":{"description":"http","const":"http"},"url":{"description":"Endpoint URL (http:// or https://). Credentials in it (user:password@) become basic auth and are never logged.","type":"string","pattern":"^https?://[^\\s]+$","x-expected":"an http:// or https:// URL","x-secret":true},"encoding":{"description":"Body format: ndjson (one JSON record per line), json_array, or text (the lines only).","type":"string","enum":["ndjson","json_array","text"],"default":"ndjson"},"compression":{"description":"Body compression.","type":"string","enum":["none","gzip"],"default":"none"},"headers":{"description":"Extra request headers. Values are treated as secrets.","type":"object","additionalProperties":{"type":"string","x-secret":true}},"auth":{"description":"Authentication: { type: basic, user, password } or { type: bearer, token }.","type":"object","required":["type"],"discriminator":{"propertyName":"type"},"oneOf":[{"title":"BasicAuth","type":"object","additionalProperties":false,"required":["type","user","password"],"properties":{"type":{"description":"basic","const":"basic"},"user":{"description":"User name.","type":"string"},"password":{"description":"Password.","type":"string","x-secret":true}}},{"title":"BearerAuth","type":"object","additionalProperties":false,"required":["type","token"],"properties":{"type":{"description":"bearer","const":"bearer"},"token":{"description":"Bearer token.","type":"string","minLength":1,"x-secret":true}}}]},"tls":{"description":"TLS settings.","$ref":"#/$defs/tls","default":{}},"timeout":{"description":"Timeout of one request.","$ref":"#/$defs/timeout","default":"10s"}}},"mezmo":{"title":"MezmoDestination","description":"Mezmo (LogDNA) ingestion API.","type":"object","additionalProperties":false,"required":["type","key"],"properties":{"type":{"description":"mezmo","const":"mezmo"},"key":{"description":"Ingestion key (use ${MEZMO_INGESTION_KEY} or ${file:/run/secrets/mezmo}).","type":"string","minLength":1,"x-secret":true},"url":{"description":"Ingestion endpoint; an on-premise URL works too.","type":"string","pattern":"^https?://[^\\s]+$","x-expected":"an http:// or https:// URL","default":"https://logs.mezmo.com/logs/ingest"},"auth":{"description":"How the key is sent: basic (the key as user name, empty password) or header (an apikey header).","type":"string","enum":["basic","header"],"default":"basic"},"hostname":{"description":"hostname sent to Mezmo (template). Absent: the record's host.","type":"string","minLength":1,"x-template":true},"app":{"description":"app of each line (template). Absent: the container name.","type":"string","minLength":1,"x-template":true},"tags":{"description":"Tags sent with each request (templates), besides the record's tags.","$ref":"#/$defs/templateList"},"level":{"description":"Level sent for each stream.","type":"object","additionalProperties":false,"default":{},"properties":{"stdout":{"description":"Level of stdout lines.","type":"string","minLength":1,"default":"INFO"},"stderr":{"description":"Level of stderr lines.","type":"string","minLength":1,"default":"ERROR"}}},"max_line_bytes":{"description":"Lines longer than this are cut and marked truncated (Mezmo's limit is 16 KB).","$ref":"#/$defs/size","default":"16KiB"},"tls":{"description":"TLS settings.","$ref":"#/$defs/tls","default":{}},"timeout":{"description":"Timeout of one request.","$ref":"#/$defs/timeout","default":"10s"}}},"syslog":{"title":"SyslogDestination","description":"A syslog server over UDP, TCP or TLS.","type":"object","additionalProperties":false,"required":["type","url"],"properties":{"type":{"description":"syslog","const":"syslog"},"url":{"description":"udp://host[:port], tcp://host[:port] (default port 514) or tls://host[:port] (default 6514).","type":"string","pattern":"^(udp|tcp|tls)://[^\\s]+$","x-expected":"a udp://, tcp:// or tls:// URL"},"format":{"description":"Message format.","type":"string","enum":["rfc5424","rfc3164"],"default":"rfc5424"},"framing":{"description":"Framing over TCP: octet_counting (RFC 6587) or newline. TLS always uses octet_counting.","type":"string","enum":["octet_counting","newline"],"default":"octet_counting"},"facility":{"description":"Facility: a name (kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp, security, console, solaris-cron, local0..local7) or a number 0..23.","type":["string","integer"],"enum":["kern","user","mail","daemon","auth","syslog","lpr","news","uucp","cron","authpriv","ftp","ntp","security","console","solaris-cron","local0","local1","local2","local3","local4","local5","local6","local7",0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23],"x-expected":"a facility name (user, daemon, local0..local7, ...) or a number 0..23","default":"user"},"severity":{"description":"Severity for each stream.","type":"object","additionalProperties":false,"default":{},"properties":{"stdout":{"description":"Severity of stdout lines.","$ref":"#/$defs/severity","default":"info"},"stderr":{"description":"Severity of stderr lines.","$ref":"#/$defs/severity","default":"err"}}},"app_name":{"description":"APP-NAME / TAG (template). Absent: the container name.","type":"string","minLength":1,"x-template":true},"hostname":{"description":"HOSTNAME (template). Absent: the record's host.","type":"string","minLength":1,"x-template":true},"structured_data":{"description":"Add the container metadata as RFC 5424 structured data.","type":"boolean","default":true},"max_udp_bytes":{"description":"UDP messages longer than this are cut (never split).","$ref":"#/$defs/size","default":2048},"tls":{"description":"TLS settings (tls:// URLs).","$ref":"#/$defs/tls","default":{}},"timeout":{"description":"Timeout of one connect or write.","$ref":"#/$defs/timeout","default":"10s"}}},"severity":{"title":"Severity","description":"A syslog severity: a name (emerg, alert, crit, err, warning, notice, info, debug) or a number 0..7.","type":["string","integer"],"enum":["emerg","alert","crit","err","error","warning","warn","notice","info","debug",0,1,2,3,4,5,6,7],"x-expected":"a severity name (emerg, alert, crit, err, warning, notice, info, debug) or a number 0..7"},"raw":{"title":"RawDestination","description":"One rendered template per line over TCP (newline-terminated), UDP (one datagram per line) or TLS.","type":"object","additionalProperties":false,"required":["type","url"],"properties":{"type":{"description":"raw","const":"raw"},"url":{"description":"tcp://host:port, udp://host:port or tls://host:port.","type":"string","pattern":"^(udp|tcp|tls)://[^\\s]+:[0-9]+$","x-expected":"a udp://, tcp:// or tls:// URL with a port"},"template":{"description":"What is sent for each line (template; {{ line }} is the line's text, {{ time }} Docker's timestamp). Absent: the line itself.","type":"string","x-template":true},"max_udp_bytes":{"description":"UDP datagrams longer than this are cut.","$ref":"#/$defs/size","default":2048},"tls":{"description":"TLS settings (tls:// URLs).","$ref":"#/$defs/tls","default":{}},"timeout":{"description":"Timeout of one connect or write.","$ref":"#/$defs/timeout","default":"10s"}}}}};
const schema32 = {"title":"TemplateList","description":"A list of templates: text with {{ container.name }}, {{ container.labels.X }}, {{ container.image }}, {{ host }}, {{ source }} fields.","type":"array","items":{"type":"string","x-template":true},"x-expected":"a list of strings"};
const schema33 = {"title":"Duration","description":"A duration: a whole number followed by ms, s, m or h.","type":"string","pattern":"^[0-9]+(ms|s|m|h)$","x-expected":"a duration such as 500ms, 1s, 5m or 1h"};
const schema34 = {"title":"Size","description":"A size in bytes: a whole number, optionally followed by B, KiB, MiB, GiB, KB, MB or GB.","type":["string","integer"],"pattern":"^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$","minimum":0,"x-expected":"a size such as 4096, 512KiB or 8MiB"};
const func1 = Object.prototype.hasOwnProperty;
const func2 = runtime_ucs2length;
const keyword0 = xTemplate;
const keyword25 = xUnique;
const pattern4 = new RegExp("^[0-9]+(ms|s|m|h)$", "u");
const pattern5 = new RegExp("^(unix|tcp|http|https|npipe)://.+$", "u");
const pattern6 = new RegExp("^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$", "u");
const pattern7 = new RegExp("^https?://.+$", "u");
const pattern12 = new RegExp("^(none|all|tail:[0-9]+|since:[0-9]+(ms|s|m|h))$", "u");
const pattern13 = new RegExp("^(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]]*):[0-9]{1,5}$", "u");
const schema36 = {"title":"ContainerMatch","description":"Container conditions. Every key given must hold; inside a list any element may match.","type":"object","additionalProperties":false,"properties":{"name":{"description":"Container name (without Docker's leading slash).","$ref":"#/$defs/patternList"},"id":{"description":"Container id prefixes.","type":["string","array"],"items":{"type":"string","pattern":"^[0-9a-f]+$","x-expected":"a hexadecimal container id prefix"},"pattern":"^[0-9a-f]+$","x-expected":"a hexadecimal container id prefix, or a list of them"},"image":{"description":"Image the container was created from.","$ref":"#/$defs/patternList"},"labels":{"description":"Labels that must be present, each with a value that matches the given pattern; \"*\" only requires the label to be present.","type":"object","additionalProperties":{"type":["string","number","boolean"],"x-pattern":true,"x-expected":"a label value pattern"}},"source":{"description":"Stream of the line: stdout, stderr, or a list of them.","type":["string","array"],"pattern":"^(stdout|stderr)$","items":{"type":"string","enum":["stdout","stderr"]},"x-expected":"stdout, stderr, or a list of them"},"compose_project":{"description":"Docker Compose project (label com.docker.compose.project).","$ref":"#/$defs/patternList"},"compose_service":{"description":"Docker Compose service (label com.docker.compose.service).","$ref":"#/$defs/patternList"},"k8s_namespace":{"description":"Kubernetes namespace (label io.kubernetes.pod.namespace).","$ref":"#/$defs/patternList"},"k8s_pod":{"description":"Kubernetes pod name (label io.kubernetes.pod.name).","$ref":"#/$defs/patternList"}}};
const schema37 = {"title":"PatternList","description":"A pattern or a list of patterns (any may match): a glob (* any run of characters, ? one character), an exact value, or a /regex/ (RE2 syntax; see docs/patterns.md).","type":["string","array"],"x-pattern":true,"items":{"type":"string","x-pattern":true},"x-expected":"a pattern or a list of patterns"};
const keyword2 = xPattern;
const pattern9 = new RegExp("^[0-9a-f]+$", "u");
const pattern11 = new RegExp("^(stdout|stderr)$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema36.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if((typeof data0 !== "string") && (!(Array.isArray(data0)))){
const err1 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/patternList/type",keyword:"type",params:{type: schema37.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(typeof data0 === "string"){
const _errs6 = errors;
let valid2;
keyword2.errors = null;
valid2 = keyword2.call(self, true, data0, schema37, {instancePath:instancePath+"/name",parentData:data,parentDataProperty:"name",rootData,dynamicAnchors});
if(!valid2){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i0=_errs6; i0<errors; i0++){
const err2 = vErrors[i0];
if(err2.instancePath === undefined){
err2.instancePath = instancePath+"/name";
}
err2.schemaPath = "#/$defs/patternList/x-pattern";
}
}
else {
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/patternList/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i1=0; i1<len0; i1++){
let data1 = data0[i1];
if(typeof data1 === "string"){
const _errs9 = errors;
let valid5;
keyword2.errors = null;
valid5 = keyword2.call(self, true, data1, schema37.items, {instancePath:instancePath+"/name/" + i1,parentData:data0,parentDataProperty:i1,rootData,dynamicAnchors});
if(!valid5){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i2=_errs9; i2<errors; i2++){
const err4 = vErrors[i2];
if(err4.instancePath === undefined){
err4.instancePath = instancePath+"/name/" + i1;
}
err4.schemaPath = "#/$defs/patternList/items/x-pattern";
}
}
else {
const err5 = {instancePath:instancePath+"/name/" + i1,schemaPath:"#/$defs/patternList/items/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath:instancePath+"/name/" + i1,schemaPath:"#/$defs/patternList/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
}
if(data.id !== undefined){
let data2 = data.id;
if((typeof data2 !== "string") && (!(Array.isArray(data2)))){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: schema36.properties.id.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data2 === "string"){
if(!pattern9.test(data2)){
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]+$"},message:"must match pattern \""+"^[0-9a-f]+$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(Array.isArray(data2)){
const len1 = data2.length;
for(let i3=0; i3<len1; i3++){
let data3 = data2[i3];
if(typeof data3 === "string"){
if(!pattern9.test(data3)){
const err9 = {instancePath:instancePath+"/id/" + i3,schemaPath:"#/properties/id/items/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]+$"},message:"must match pattern \""+"^[0-9a-f]+$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/id/" + i3,schemaPath:"#/properties/id/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
if(data.image !== undefined){
let data4 = data.image;
if((typeof data4 !== "string") && (!(Array.isArray(data4)))){
const err11 = {instancePath:instancePath+"/image",schemaPath:"#/$defs/patternList/type",keyword:"type",params:{type: schema37.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(typeof data4 === "string"){
const _errs20 = errors;
let valid9;
keyword2.errors = null;
valid9 = keyword2.call(self, true, data4, schema37, {instancePath:instancePath+"/image",parentData:data,parentDataProperty:"image",rootData,dynamicAnchors});
if(!valid9){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i4=_errs20; i4<errors; i4++){
const err12 = vErrors[i4];
if(err12.instancePath === undefined){
err12.instancePath = instancePath+"/image";
}
err12.schemaPath = "#/$defs/patternList/x-pattern";
}
}
else {
const err13 = {instancePath:instancePath+"/image",schemaPath:"#/$defs/patternList/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(Array.isArray(data4)){
const len2 = data4.length;
for(let i5=0; i5<len2; i5++){
let data5 = data4[i5];
if(typeof data5 === "string"){
const _errs23 = errors;
let valid12;
keyword2.errors = null;
valid12 = keyword2.call(self, true, data5, schema37.items, {instancePath:instancePath+"/image/" + i5,parentData:data4,parentDataProperty:i5,rootData,dynamicAnchors});
if(!valid12){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i6=_errs23; i6<errors; i6++){
const err14 = vErrors[i6];
if(err14.instancePath === undefined){
err14.instancePath = instancePath+"/image/" + i5;
}
err14.schemaPath = "#/$defs/patternList/items/x-pattern";
}
}
else {
const err15 = {instancePath:instancePath+"/image/" + i5,schemaPath:"#/$defs/patternList/items/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/image/" + i5,schemaPath:"#/$defs/patternList/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
if(data.labels !== undefined){
let data6 = data.labels;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key1 in data6){
let data7 = data6[key1];
if(((typeof data7 !== "string") && (!((typeof data7 == "number") && (isFinite(data7))))) && (typeof data7 !== "boolean")){
const err17 = {instancePath:instancePath+"/labels/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/labels/additionalProperties/type",keyword:"type",params:{type: schema36.properties.labels.additionalProperties.type},message:"must be string,number,boolean"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(typeof data7 === "string"){
const _errs30 = errors;
let valid14;
keyword2.errors = null;
valid14 = keyword2.call(self, true, data7, schema36.properties.labels.additionalProperties, {instancePath:instancePath+"/labels/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data6,parentDataProperty:key1,rootData,dynamicAnchors});
if(!valid14){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i7=_errs30; i7<errors; i7++){
const err18 = vErrors[i7];
if(err18.instancePath === undefined){
err18.instancePath = instancePath+"/labels/" + key1.replace(/~/g, "~0").replace(/\//g, "~1");
}
err18.schemaPath = "#/properties/labels/additionalProperties/x-pattern";
}
}
else {
const err19 = {instancePath:instancePath+"/labels/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/labels/additionalProperties/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
}
}
else {
const err20 = {instancePath:instancePath+"/labels",schemaPath:"#/properties/labels/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.source !== undefined){
let data8 = data.source;
if((typeof data8 !== "string") && (!(Array.isArray(data8)))){
const err21 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/type",keyword:"type",params:{type: schema36.properties.source.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(typeof data8 === "string"){
if(!pattern11.test(data8)){
const err22 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/pattern",keyword:"pattern",params:{pattern: "^(stdout|stderr)$"},message:"must match pattern \""+"^(stdout|stderr)$"+"\""};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(Array.isArray(data8)){
const len3 = data8.length;
for(let i8=0; i8<len3; i8++){
let data9 = data8[i8];
if(typeof data9 !== "string"){
const err23 = {instancePath:instancePath+"/source/" + i8,schemaPath:"#/properties/source/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(!((data9 === "stdout") || (data9 === "stderr"))){
const err24 = {instancePath:instancePath+"/source/" + i8,schemaPath:"#/properties/source/items/enum",keyword:"enum",params:{allowedValues: schema36.properties.source.items.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
}
if(data.compose_project !== undefined){
let data10 = data.compose_project;
if((typeof data10 !== "string") && (!(Array.isArray(data10)))){
const err25 = {instancePath:instancePath+"/compose_project",schemaPath:"#/$defs/patternList/type",keyword:"type",params:{type: schema37.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(typeof data10 === "string"){
const _errs40 = errors;
let valid18;
keyword2.errors = null;
valid18 = keyword2.call(self, true, data10, schema37, {instancePath:instancePath+"/compose_project",parentData:data,parentDataProperty:"compose_project",rootData,dynamicAnchors});
if(!valid18){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i9=_errs40; i9<errors; i9++){
const err26 = vErrors[i9];
if(err26.instancePath === undefined){
err26.instancePath = instancePath+"/compose_project";
}
err26.schemaPath = "#/$defs/patternList/x-pattern";
}
}
else {
const err27 = {instancePath:instancePath+"/compose_project",schemaPath:"#/$defs/patternList/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
if(Array.isArray(data10)){
const len4 = data10.length;
for(let i10=0; i10<len4; i10++){
let data11 = data10[i10];
if(typeof data11 === "string"){
const _errs43 = errors;
let valid21;
keyword2.errors = null;
valid21 = keyword2.call(self, true, data11, schema37.items, {instancePath:instancePath+"/compose_project/" + i10,parentData:data10,parentDataProperty:i10,rootData,dynamicAnchors});
if(!valid21){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i11=_errs43; i11<errors; i11++){
const err28 = vErrors[i11];
if(err28.instancePath === undefined){
err28.instancePath = instancePath+"/compose_project/" + i10;
}
err28.schemaPath = "#/$defs/patternList/items/x-pattern";
}
}
else {
const err29 = {instancePath:instancePath+"/compose_project/" + i10,schemaPath:"#/$defs/patternList/items/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/compose_project/" + i10,schemaPath:"#/$defs/patternList/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
}
if(data.compose_service !== undefined){
let data12 = data.compose_service;
if((typeof data12 !== "string") && (!(Array.isArray(data12)))){
const err31 = {instancePath:instancePath+"/compose_service",schemaPath:"#/$defs/patternList/type",keyword:"type",params:{type: schema37.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(typeof data12 === "string"){
const _errs48 = errors;
let valid23;
keyword2.errors = null;
valid23 = keyword2.call(self, true, data12, schema37, {instancePath:instancePath+"/compose_service",parentData:data,parentDataProperty:"compose_service",rootData,dynamicAnchors});
if(!valid23){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i12=_errs48; i12<errors; i12++){
const err32 = vErrors[i12];
if(err32.instancePath === undefined){
err32.instancePath = instancePath+"/compose_service";
}
err32.schemaPath = "#/$defs/patternList/x-pattern";
}
}
else {
const err33 = {instancePath:instancePath+"/compose_service",schemaPath:"#/$defs/patternList/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
if(Array.isArray(data12)){
const len5 = data12.length;
for(let i13=0; i13<len5; i13++){
let data13 = data12[i13];
if(typeof data13 === "string"){
const _errs51 = errors;
let valid26;
keyword2.errors = null;
valid26 = keyword2.call(self, true, data13, schema37.items, {instancePath:instancePath+"/compose_service/" + i13,parentData:data12,parentDataProperty:i13,rootData,dynamicAnchors});
if(!valid26){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i14=_errs51; i14<errors; i14++){
const err34 = vErrors[i14];
if(err34.instancePath === undefined){
err34.instancePath = instancePath+"/compose_service/" + i13;
}
err34.schemaPath = "#/$defs/patternList/items/x-pattern";
}
}
else {
const err35 = {instancePath:instancePath+"/compose_service/" + i13,schemaPath:"#/$defs/patternList/items/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/compose_service/" + i13,schemaPath:"#/$defs/patternList/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
}
if(data.k8s_namespace !== undefined){
let data14 = data.k8s_namespace;
if((typeof data14 !== "string") && (!(Array.isArray(data14)))){
const err37 = {instancePath:instancePath+"/k8s_namespace",schemaPath:"#/$defs/patternList/type",keyword:"type",params:{type: schema37.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(typeof data14 === "string"){
const _errs56 = errors;
let valid28;
keyword2.errors = null;
valid28 = keyword2.call(self, true, data14, schema37, {instancePath:instancePath+"/k8s_namespace",parentData:data,parentDataProperty:"k8s_namespace",rootData,dynamicAnchors});
if(!valid28){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i15=_errs56; i15<errors; i15++){
const err38 = vErrors[i15];
if(err38.instancePath === undefined){
err38.instancePath = instancePath+"/k8s_namespace";
}
err38.schemaPath = "#/$defs/patternList/x-pattern";
}
}
else {
const err39 = {instancePath:instancePath+"/k8s_namespace",schemaPath:"#/$defs/patternList/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
if(Array.isArray(data14)){
const len6 = data14.length;
for(let i16=0; i16<len6; i16++){
let data15 = data14[i16];
if(typeof data15 === "string"){
const _errs59 = errors;
let valid31;
keyword2.errors = null;
valid31 = keyword2.call(self, true, data15, schema37.items, {instancePath:instancePath+"/k8s_namespace/" + i16,parentData:data14,parentDataProperty:i16,rootData,dynamicAnchors});
if(!valid31){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i17=_errs59; i17<errors; i17++){
const err40 = vErrors[i17];
if(err40.instancePath === undefined){
err40.instancePath = instancePath+"/k8s_namespace/" + i16;
}
err40.schemaPath = "#/$defs/patternList/items/x-pattern";
}
}
else {
const err41 = {instancePath:instancePath+"/k8s_namespace/" + i16,schemaPath:"#/$defs/patternList/items/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath:instancePath+"/k8s_namespace/" + i16,schemaPath:"#/$defs/patternList/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
}
if(data.k8s_pod !== undefined){
let data16 = data.k8s_pod;
if((typeof data16 !== "string") && (!(Array.isArray(data16)))){
const err43 = {instancePath:instancePath+"/k8s_pod",schemaPath:"#/$defs/patternList/type",keyword:"type",params:{type: schema37.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(typeof data16 === "string"){
const _errs64 = errors;
let valid33;
keyword2.errors = null;
valid33 = keyword2.call(self, true, data16, schema37, {instancePath:instancePath+"/k8s_pod",parentData:data,parentDataProperty:"k8s_pod",rootData,dynamicAnchors});
if(!valid33){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i18=_errs64; i18<errors; i18++){
const err44 = vErrors[i18];
if(err44.instancePath === undefined){
err44.instancePath = instancePath+"/k8s_pod";
}
err44.schemaPath = "#/$defs/patternList/x-pattern";
}
}
else {
const err45 = {instancePath:instancePath+"/k8s_pod",schemaPath:"#/$defs/patternList/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
if(Array.isArray(data16)){
const len7 = data16.length;
for(let i19=0; i19<len7; i19++){
let data17 = data16[i19];
if(typeof data17 === "string"){
const _errs67 = errors;
let valid36;
keyword2.errors = null;
valid36 = keyword2.call(self, true, data17, schema37.items, {instancePath:instancePath+"/k8s_pod/" + i19,parentData:data16,parentDataProperty:i19,rootData,dynamicAnchors});
if(!valid36){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i20=_errs67; i20<errors; i20++){
const err46 = vErrors[i20];
if(err46.instancePath === undefined){
err46.instancePath = instancePath+"/k8s_pod/" + i19;
}
err46.schemaPath = "#/$defs/patternList/items/x-pattern";
}
}
else {
const err47 = {instancePath:instancePath+"/k8s_pod/" + i19,schemaPath:"#/$defs/patternList/items/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/k8s_pod/" + i19,schemaPath:"#/$defs/patternList/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
}
}
else {
const err49 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema45 = {"title":"Buffer","description":"A route's buffer, bounded by lines and bytes.","type":"object","additionalProperties":false,"properties":{"max_lines":{"description":"Most lines the buffer holds.","type":"integer","minimum":1,"default":10000},"max_bytes":{"description":"Most bytes the buffer holds.","$ref":"#/$defs/size","default":"8MiB"},"when_full":{"description":"What happens when the buffer is full: block (pause reading the containers that feed this route; Docker keeps their logs), drop_newest or drop_oldest (drop and count).","type":"string","enum":["block","drop_newest","drop_oldest"],"default":"block"}}};

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.max_lines === undefined){
data.max_lines = 10000;
}
if(data.max_bytes === undefined){
data.max_bytes = "8MiB";
}
if(data.when_full === undefined){
data.when_full = "block";
}
for(const key0 in data){
if(!(((key0 === "max_lines") || (key0 === "max_bytes")) || (key0 === "when_full"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.max_lines;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/max_lines",schemaPath:"#/properties/max_lines/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 1 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/max_lines",schemaPath:"#/properties/max_lines/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let data1 = data.max_bytes;
if((typeof data1 !== "string") && (!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1))))){
const err3 = {instancePath:instancePath+"/max_bytes",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema34.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/max_bytes",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(typeof data1 === "string"){
if(!pattern6.test(data1)){
const err5 = {instancePath:instancePath+"/max_bytes",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"},message:"must match pattern \""+"^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let data2 = data.when_full;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/when_full",schemaPath:"#/properties/when_full/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!(((data2 === "block") || (data2 === "drop_newest")) || (data2 === "drop_oldest"))){
const err7 = {instancePath:instancePath+"/when_full",schemaPath:"#/properties/when_full/enum",keyword:"enum",params:{allowedValues: schema45.properties.when_full.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema47 = {"title":"Flush","description":"When a batch is sent: after interval, or as soon as it reaches max_lines or max_bytes.","type":"object","additionalProperties":false,"properties":{"interval":{"description":"Send a non-empty batch at least this often.","$ref":"#/$defs/duration","default":"1s"},"max_lines":{"description":"Most lines in one batch.","type":"integer","minimum":1,"default":1000},"max_bytes":{"description":"Most bytes in one batch.","$ref":"#/$defs/size","default":"1MiB"}}};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.interval === undefined){
data.interval = "1s";
}
if(data.max_lines === undefined){
data.max_lines = 1000;
}
if(data.max_bytes === undefined){
data.max_bytes = "1MiB";
}
for(const key0 in data){
if(!(((key0 === "interval") || (key0 === "max_lines")) || (key0 === "max_bytes"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.interval;
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
const err1 = {instancePath:instancePath+"/interval",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/interval",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
let data1 = data.max_lines;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/max_lines",schemaPath:"#/properties/max_lines/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/max_lines",schemaPath:"#/properties/max_lines/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let data2 = data.max_bytes;
if((typeof data2 !== "string") && (!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2))))){
const err5 = {instancePath:instancePath+"/max_bytes",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema34.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/max_bytes",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(typeof data2 === "string"){
if(!pattern6.test(data2)){
const err7 = {instancePath:instancePath+"/max_bytes",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"},message:"must match pattern \""+"^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"+"\""};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema50 = {"title":"Retry","description":"Retries of a failed batch (network errors, timeouts, 429 and 5xx), with exponential backoff and jitter.","type":"object","additionalProperties":false,"properties":{"max_attempts":{"description":"Most attempts per batch; 0 retries forever.","type":"integer","minimum":0,"default":0},"initial_backoff":{"description":"Wait before the first retry.","$ref":"#/$defs/duration","default":"500ms"},"max_backoff":{"description":"Longest wait between retries.","$ref":"#/$defs/duration","default":"30s"}}};

function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate27.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.max_attempts === undefined){
data.max_attempts = 0;
}
if(data.initial_backoff === undefined){
data.initial_backoff = "500ms";
}
if(data.max_backoff === undefined){
data.max_backoff = "30s";
}
for(const key0 in data){
if(!(((key0 === "max_attempts") || (key0 === "initial_backoff")) || (key0 === "max_backoff"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.max_attempts;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/max_attempts",schemaPath:"#/properties/max_attempts/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/max_attempts",schemaPath:"#/properties/max_attempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let data1 = data.initial_backoff;
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
const err3 = {instancePath:instancePath+"/initial_backoff",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/initial_backoff",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
let data2 = data.max_backoff;
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
const err5 = {instancePath:instancePath+"/max_backoff",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/max_backoff",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
validate27.errors = vErrors;
return errors === 0;
}
validate27.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema53 = {"title":"Route","description":"A route: match → filter → multiline → enrich → buffer → batch → destination.","type":"object","additionalProperties":false,"required":["name","destination"],"properties":{"name":{"description":"Unique name of the route (lower case letters, digits, _ and -), used in metrics and logs.","type":"string","pattern":"^[a-z0-9][a-z0-9_-]*$","x-expected":"a name of lower case letters, digits, _ and -, starting with a letter or digit"},"match":{"description":"Containers this route takes. Absent: every collected container.","$ref":"#/$defs/match"},"exclude":{"description":"Containers this route never takes, even when they match.","$ref":"#/$defs/match"},"filter":{"description":"Line filters on the line's text: a /regex/ (RE2 syntax, run in time linear in the line; see docs/patterns.md) or a plain substring.","type":"object","additionalProperties":false,"properties":{"include":{"description":"Keep only lines matching one of these. Absent or empty: keep every line.","type":"array","items":{"type":"string","x-pattern":true}},"exclude":{"description":"Drop lines matching one of these.","type":"array","items":{"type":"string","x-pattern":true}}}},"multiline":{"description":"Join continuation lines (stack traces) to the line that started them.","type":"object","additionalProperties":false,"required":["start"],"properties":{"start":{"description":"Regular expression (without slashes, RE2 syntax: no lookaround or backreferences; see docs/patterns.md) matching the first line of a record; other lines continue the previous record.","type":"string","minLength":1,"x-regex":true},"max_lines":{"description":"Most lines joined into one record.","type":"integer","minimum":1,"default":500},"timeout":{"description":"Emit a pending record after this long without a new line.","$ref":"#/$defs/duration","default":"1s"}}},"tags":{"description":"Tags added to this route's records (templates), after the global tags.","$ref":"#/$defs/templateList"},"destination":{"description":"Where this route delivers: a mapping with type (console, http, mezmo, syslog or raw) and that destination's keys.","$ref":"#/$defs/destination"},"buffer":{"description":"Overrides defaults.buffer, per key.","$ref":"#/$defs/buffer"},"flush":{"description":"Overrides defaults.flush, per key.","$ref":"#/$defs/flush"},"retry":{"description":"Overrides defaults.retry, per key.","$ref":"#/$defs/retry"}}};
const pattern21 = new RegExp("^[a-z0-9][a-z0-9_-]*$", "u");
const schema56 = {"title":"Destination","description":"Where the route delivers; `type` selects the kind.","type":"object","required":["type"],"discriminator":{"propertyName":"type"},"oneOf":[{"$ref":"#/$defs/console"},{"$ref":"#/$defs/http"},{"$ref":"#/$defs/mezmo"},{"$ref":"#/$defs/syslog"},{"$ref":"#/$defs/raw"}]};
const schema75 = {"title":"ConsoleDestination","description":"One line per record on sluice's stdout.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"description":"console","const":"console"},"format":{"description":"text (`name source | line`) or json (one JSON object per line).","type":"string","enum":["text","json"],"default":"text"},"escape":{"description":"In text format, whether control characters in a line (terminal escape sequences, \\n, \\r) are shown as text such as \\x1b: always (the default; container logs are read on terminals, through docker logs or kubectl logs, that sluice cannot see), auto (only when stdout is a terminal), or never (keep the bytes, for a pipeline). Tab is never escaped; json output is always escaped.","type":"string","enum":["always","auto","never"],"default":"always"}}};
const schema57 = {"title":"HttpDestination","description":"POST batches to an HTTP(S) endpoint.","type":"object","additionalProperties":false,"required":["type","url"],"properties":{"type":{"description":"http","const":"http"},"url":{"description":"Endpoint URL (http:// or https://). Credentials in it (user:password@) become basic auth and are never logged.","type":"string","pattern":"^https?://[^\\s]+$","x-expected":"an http:// or https:// URL","x-secret":true},"encoding":{"description":"Body format: ndjson (one JSON record per line), json_array, or text (the lines only).","type":"string","enum":["ndjson","json_array","text"],"default":"ndjson"},"compression":{"description":"Body compression.","type":"string","enum":["none","gzip"],"default":"none"},"headers":{"description":"Extra request headers. Values are treated as secrets.","type":"object","additionalProperties":{"type":"string","x-secret":true}},"auth":{"description":"Authentication: { type: basic, user, password } or { type: bearer, token }.","type":"object","required":["type"],"discriminator":{"propertyName":"type"},"oneOf":[{"title":"BasicAuth","type":"object","additionalProperties":false,"required":["type","user","password"],"properties":{"type":{"description":"basic","const":"basic"},"user":{"description":"User name.","type":"string"},"password":{"description":"Password.","type":"string","x-secret":true}}},{"title":"BearerAuth","type":"object","additionalProperties":false,"required":["type","token"],"properties":{"type":{"description":"bearer","const":"bearer"},"token":{"description":"Bearer token.","type":"string","minLength":1,"x-secret":true}}}]},"tls":{"description":"TLS settings.","$ref":"#/$defs/tls","default":{}},"timeout":{"description":"Timeout of one request.","$ref":"#/$defs/timeout","default":"10s"}}};
const schema58 = {"title":"Tls","description":"TLS settings of a destination.","type":"object","additionalProperties":false,"properties":{"ca":{"description":"CA certificate(s) to trust: a PEM file path, or PEM text. Absent: the system's CAs.","type":"string","minLength":1},"cert":{"description":"Client certificate: a PEM file path, or PEM text.","type":"string","minLength":1},"key":{"description":"Client private key: a PEM file path, or PEM text.","type":"string","minLength":1,"x-secret":true},"insecure_skip_verify":{"description":"Do not verify the server's certificate (testing only).","type":"boolean","default":false},"server_name":{"description":"Server name to send (SNI) and to verify, when it differs from the URL's host.","type":"string","minLength":1}}};
const pattern23 = new RegExp("^https?://[^\\s]+$", "u");

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate33.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.encoding === undefined){
data.encoding = "ndjson";
}
if(data.compression === undefined){
data.compression = "none";
}
if(data.tls === undefined){
data.tls = {};
}
if(data.timeout === undefined){
data.timeout = "10s";
}
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.url === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "type") || (key0 === "url")) || (key0 === "encoding")) || (key0 === "compression")) || (key0 === "headers")) || (key0 === "auth")) || (key0 === "tls")) || (key0 === "timeout"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
if("http" !== data.type){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "http"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(!pattern23.test(data1)){
const err4 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s]+$"},message:"must match pattern \""+"^https?://[^\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let data2 = data.encoding;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/encoding",schemaPath:"#/properties/encoding/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!(((data2 === "ndjson") || (data2 === "json_array")) || (data2 === "text"))){
const err7 = {instancePath:instancePath+"/encoding",schemaPath:"#/properties/encoding/enum",keyword:"enum",params:{allowedValues: schema57.properties.encoding.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
let data3 = data.compression;
if(typeof data3 !== "string"){
const err8 = {instancePath:instancePath+"/compression",schemaPath:"#/properties/compression/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data3 === "none") || (data3 === "gzip"))){
const err9 = {instancePath:instancePath+"/compression",schemaPath:"#/properties/compression/enum",keyword:"enum",params:{allowedValues: schema57.properties.compression.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.headers !== undefined){
let data4 = data.headers;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key1 in data4){
if(typeof data4[key1] !== "string"){
const err10 = {instancePath:instancePath+"/headers/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/headers/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.auth !== undefined){
let data6 = data.auth;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.type === undefined){
const err12 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const tag0 = data6.type;
if(typeof tag0 == "string"){
if(tag0 === "basic"){
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.type === undefined){
const err13 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data6.user === undefined){
const err14 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/required",keyword:"required",params:{missingProperty: "user"},message:"must have required property '"+"user"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data6.password === undefined){
const err15 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/required",keyword:"required",params:{missingProperty: "password"},message:"must have required property '"+"password"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key2 in data6){
if(!(((key2 === "type") || (key2 === "user")) || (key2 === "password"))){
const err16 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data6.type !== undefined){
if("basic" !== data6.type){
const err17 = {instancePath:instancePath+"/auth/type",schemaPath:"#/properties/auth/oneOf/0/properties/type/const",keyword:"const",params:{allowedValue: "basic"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data6.user !== undefined){
if(typeof data6.user !== "string"){
const err18 = {instancePath:instancePath+"/auth/user",schemaPath:"#/properties/auth/oneOf/0/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data6.password !== undefined){
if(typeof data6.password !== "string"){
const err19 = {instancePath:instancePath+"/auth/password",schemaPath:"#/properties/auth/oneOf/0/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
var props0 = true;
}
else if(tag0 === "bearer"){
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.type === undefined){
const err21 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/1/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data6.token === undefined){
const err22 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/1/required",keyword:"required",params:{missingProperty: "token"},message:"must have required property '"+"token"+"'"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key3 in data6){
if(!((key3 === "type") || (key3 === "token"))){
const err23 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data6.type !== undefined){
if("bearer" !== data6.type){
const err24 = {instancePath:instancePath+"/auth/type",schemaPath:"#/properties/auth/oneOf/1/properties/type/const",keyword:"const",params:{allowedValue: "bearer"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data6.token !== undefined){
let data11 = data6.token;
if(typeof data11 === "string"){
if(func2(data11) < 1){
const err25 = {instancePath:instancePath+"/auth/token",schemaPath:"#/properties/auth/oneOf/1/properties/token/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/auth/token",schemaPath:"#/properties/auth/oneOf/1/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(props0 !== true){
props0 = true;
}
}
else {
const err28 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0},message:"value of tag \"type\" must be in oneOf"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/discriminator",keyword:"discriminator",params:{error: "tag", tag: "type", tagValue: tag0},message:"tag \"type\" must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
let data12 = data.tls;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.insecure_skip_verify === undefined){
data12.insecure_skip_verify = false;
}
for(const key4 in data12){
if(!(((((key4 === "ca") || (key4 === "cert")) || (key4 === "key")) || (key4 === "insecure_skip_verify")) || (key4 === "server_name"))){
const err31 = {instancePath:instancePath+"/tls",schemaPath:"#/$defs/tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data12.ca !== undefined){
let data13 = data12.ca;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err32 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/$defs/tls/properties/ca/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/$defs/tls/properties/ca/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data12.cert !== undefined){
let data14 = data12.cert;
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err34 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/$defs/tls/properties/cert/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/$defs/tls/properties/cert/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data12.key !== undefined){
let data15 = data12.key;
if(typeof data15 === "string"){
if(func2(data15) < 1){
const err36 = {instancePath:instancePath+"/tls/key",schemaPath:"#/$defs/tls/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/tls/key",schemaPath:"#/$defs/tls/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(typeof data12.insecure_skip_verify !== "boolean"){
const err38 = {instancePath:instancePath+"/tls/insecure_skip_verify",schemaPath:"#/$defs/tls/properties/insecure_skip_verify/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data12.server_name !== undefined){
let data17 = data12.server_name;
if(typeof data17 === "string"){
if(func2(data17) < 1){
const err39 = {instancePath:instancePath+"/tls/server_name",schemaPath:"#/$defs/tls/properties/server_name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/tls/server_name",schemaPath:"#/$defs/tls/properties/server_name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/tls",schemaPath:"#/$defs/tls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
let data18 = data.timeout;
if(typeof data18 === "string"){
if(!pattern4.test(data18)){
const err42 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/timeout/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/timeout/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
validate33.errors = vErrors;
return errors === 0;
}
validate33.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema60 = {"title":"MezmoDestination","description":"Mezmo (LogDNA) ingestion API.","type":"object","additionalProperties":false,"required":["type","key"],"properties":{"type":{"description":"mezmo","const":"mezmo"},"key":{"description":"Ingestion key (use ${MEZMO_INGESTION_KEY} or ${file:/run/secrets/mezmo}).","type":"string","minLength":1,"x-secret":true},"url":{"description":"Ingestion endpoint; an on-premise URL works too.","type":"string","pattern":"^https?://[^\\s]+$","x-expected":"an http:// or https:// URL","default":"https://logs.mezmo.com/logs/ingest"},"auth":{"description":"How the key is sent: basic (the key as user name, empty password) or header (an apikey header).","type":"string","enum":["basic","header"],"default":"basic"},"hostname":{"description":"hostname sent to Mezmo (template). Absent: the record's host.","type":"string","minLength":1,"x-template":true},"app":{"description":"app of each line (template). Absent: the container name.","type":"string","minLength":1,"x-template":true},"tags":{"description":"Tags sent with each request (templates), besides the record's tags.","$ref":"#/$defs/templateList"},"level":{"description":"Level sent for each stream.","type":"object","additionalProperties":false,"default":{},"properties":{"stdout":{"description":"Level of stdout lines.","type":"string","minLength":1,"default":"INFO"},"stderr":{"description":"Level of stderr lines.","type":"string","minLength":1,"default":"ERROR"}}},"max_line_bytes":{"description":"Lines longer than this are cut and marked truncated (Mezmo's limit is 16 KB).","$ref":"#/$defs/size","default":"16KiB"},"tls":{"description":"TLS settings.","$ref":"#/$defs/tls","default":{}},"timeout":{"description":"Timeout of one request.","$ref":"#/$defs/timeout","default":"10s"}}};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.url === undefined){
data.url = "https://logs.mezmo.com/logs/ingest";
}
if(data.auth === undefined){
data.auth = "basic";
}
if(data.level === undefined){
data.level = {};
}
if(data.max_line_bytes === undefined){
data.max_line_bytes = "16KiB";
}
if(data.tls === undefined){
data.tls = {};
}
if(data.timeout === undefined){
data.timeout = "10s";
}
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.key === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema60.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
if("mezmo" !== data.type){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "mezmo"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.key !== undefined){
let data1 = data.key;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err4 = {instancePath:instancePath+"/key",schemaPath:"#/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/key",schemaPath:"#/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let data2 = data.url;
if(typeof data2 === "string"){
if(!pattern23.test(data2)){
const err6 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s]+$"},message:"must match pattern \""+"^https?://[^\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
let data3 = data.auth;
if(typeof data3 !== "string"){
const err8 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data3 === "basic") || (data3 === "header"))){
const err9 = {instancePath:instancePath+"/auth",schemaPath:"#/properties/auth/enum",keyword:"enum",params:{allowedValues: schema60.properties.auth.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.hostname !== undefined){
let data4 = data.hostname;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err10 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const _errs13 = errors;
let valid1;
keyword0.errors = null;
valid1 = keyword0.call(self, true, data4, schema60.properties.hostname, {instancePath:instancePath+"/hostname",parentData:data,parentDataProperty:"hostname",rootData,dynamicAnchors});
if(!valid1){
if(Array.isArray(keyword0.errors)){
vErrors = vErrors === null ? keyword0.errors : vErrors.concat(keyword0.errors);
errors = vErrors.length;
for(let i0=_errs13; i0<errors; i0++){
const err11 = vErrors[i0];
if(err11.instancePath === undefined){
err11.instancePath = instancePath+"/hostname";
}
err11.schemaPath = "#/properties/hostname/x-template";
}
}
else {
const err12 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/x-template",keyword:"x-template",params:{},message:"must pass \"x-template\" keyword validation"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.app !== undefined){
let data5 = data.app;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err14 = {instancePath:instancePath+"/app",schemaPath:"#/properties/app/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
const _errs16 = errors;
let valid2;
keyword0.errors = null;
valid2 = keyword0.call(self, true, data5, schema60.properties.app, {instancePath:instancePath+"/app",parentData:data,parentDataProperty:"app",rootData,dynamicAnchors});
if(!valid2){
if(Array.isArray(keyword0.errors)){
vErrors = vErrors === null ? keyword0.errors : vErrors.concat(keyword0.errors);
errors = vErrors.length;
for(let i1=_errs16; i1<errors; i1++){
const err15 = vErrors[i1];
if(err15.instancePath === undefined){
err15.instancePath = instancePath+"/app";
}
err15.schemaPath = "#/properties/app/x-template";
}
}
else {
const err16 = {instancePath:instancePath+"/app",schemaPath:"#/properties/app/x-template",keyword:"x-template",params:{},message:"must pass \"x-template\" keyword validation"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/app",schemaPath:"#/properties/app/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.tags !== undefined){
let data6 = data.tags;
if(Array.isArray(data6)){
const len0 = data6.length;
for(let i2=0; i2<len0; i2++){
let data7 = data6[i2];
if(typeof data7 === "string"){
const _errs23 = errors;
let valid6;
keyword0.errors = null;
valid6 = keyword0.call(self, true, data7, schema32.items, {instancePath:instancePath+"/tags/" + i2,parentData:data6,parentDataProperty:i2,rootData,dynamicAnchors});
if(!valid6){
if(Array.isArray(keyword0.errors)){
vErrors = vErrors === null ? keyword0.errors : vErrors.concat(keyword0.errors);
errors = vErrors.length;
for(let i3=_errs23; i3<errors; i3++){
const err18 = vErrors[i3];
if(err18.instancePath === undefined){
err18.instancePath = instancePath+"/tags/" + i2;
}
err18.schemaPath = "#/$defs/templateList/items/x-template";
}
}
else {
const err19 = {instancePath:instancePath+"/tags/" + i2,schemaPath:"#/$defs/templateList/items/x-template",keyword:"x-template",params:{},message:"must pass \"x-template\" keyword validation"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/tags/" + i2,schemaPath:"#/$defs/templateList/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/tags",schemaPath:"#/$defs/templateList/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let data8 = data.level;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.stdout === undefined){
data8.stdout = "INFO";
}
if(data8.stderr === undefined){
data8.stderr = "ERROR";
}
for(const key1 in data8){
if(!((key1 === "stdout") || (key1 === "stderr"))){
const err22 = {instancePath:instancePath+"/level",schemaPath:"#/properties/level/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
let data9 = data8.stdout;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err23 = {instancePath:instancePath+"/level/stdout",schemaPath:"#/properties/level/properties/stdout/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/level/stdout",schemaPath:"#/properties/level/properties/stdout/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
let data10 = data8.stderr;
if(typeof data10 === "string"){
if(func2(data10) < 1){
const err25 = {instancePath:instancePath+"/level/stderr",schemaPath:"#/properties/level/properties/stderr/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/level/stderr",schemaPath:"#/properties/level/properties/stderr/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/level",schemaPath:"#/properties/level/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
let data11 = data.max_line_bytes;
if((typeof data11 !== "string") && (!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11))))){
const err28 = {instancePath:instancePath+"/max_line_bytes",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema34.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 0 || isNaN(data11)){
const err29 = {instancePath:instancePath+"/max_line_bytes",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(typeof data11 === "string"){
if(!pattern6.test(data11)){
const err30 = {instancePath:instancePath+"/max_line_bytes",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"},message:"must match pattern \""+"^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"+"\""};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
let data12 = data.tls;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.insecure_skip_verify === undefined){
data12.insecure_skip_verify = false;
}
for(const key2 in data12){
if(!(((((key2 === "ca") || (key2 === "cert")) || (key2 === "key")) || (key2 === "insecure_skip_verify")) || (key2 === "server_name"))){
const err31 = {instancePath:instancePath+"/tls",schemaPath:"#/$defs/tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data12.ca !== undefined){
let data13 = data12.ca;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err32 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/$defs/tls/properties/ca/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/$defs/tls/properties/ca/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data12.cert !== undefined){
let data14 = data12.cert;
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err34 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/$defs/tls/properties/cert/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/$defs/tls/properties/cert/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data12.key !== undefined){
let data15 = data12.key;
if(typeof data15 === "string"){
if(func2(data15) < 1){
const err36 = {instancePath:instancePath+"/tls/key",schemaPath:"#/$defs/tls/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/tls/key",schemaPath:"#/$defs/tls/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(typeof data12.insecure_skip_verify !== "boolean"){
const err38 = {instancePath:instancePath+"/tls/insecure_skip_verify",schemaPath:"#/$defs/tls/properties/insecure_skip_verify/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data12.server_name !== undefined){
let data17 = data12.server_name;
if(typeof data17 === "string"){
if(func2(data17) < 1){
const err39 = {instancePath:instancePath+"/tls/server_name",schemaPath:"#/$defs/tls/properties/server_name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/tls/server_name",schemaPath:"#/$defs/tls/properties/server_name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/tls",schemaPath:"#/$defs/tls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
let data18 = data.timeout;
if(typeof data18 === "string"){
if(!pattern4.test(data18)){
const err42 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/timeout/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/timeout/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema65 = {"title":"SyslogDestination","description":"A syslog server over UDP, TCP or TLS.","type":"object","additionalProperties":false,"required":["type","url"],"properties":{"type":{"description":"syslog","const":"syslog"},"url":{"description":"udp://host[:port], tcp://host[:port] (default port 514) or tls://host[:port] (default 6514).","type":"string","pattern":"^(udp|tcp|tls)://[^\\s]+$","x-expected":"a udp://, tcp:// or tls:// URL"},"format":{"description":"Message format.","type":"string","enum":["rfc5424","rfc3164"],"default":"rfc5424"},"framing":{"description":"Framing over TCP: octet_counting (RFC 6587) or newline. TLS always uses octet_counting.","type":"string","enum":["octet_counting","newline"],"default":"octet_counting"},"facility":{"description":"Facility: a name (kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp, security, console, solaris-cron, local0..local7) or a number 0..23.","type":["string","integer"],"enum":["kern","user","mail","daemon","auth","syslog","lpr","news","uucp","cron","authpriv","ftp","ntp","security","console","solaris-cron","local0","local1","local2","local3","local4","local5","local6","local7",0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23],"x-expected":"a facility name (user, daemon, local0..local7, ...) or a number 0..23","default":"user"},"severity":{"description":"Severity for each stream.","type":"object","additionalProperties":false,"default":{},"properties":{"stdout":{"description":"Severity of stdout lines.","$ref":"#/$defs/severity","default":"info"},"stderr":{"description":"Severity of stderr lines.","$ref":"#/$defs/severity","default":"err"}}},"app_name":{"description":"APP-NAME / TAG (template). Absent: the container name.","type":"string","minLength":1,"x-template":true},"hostname":{"description":"HOSTNAME (template). Absent: the record's host.","type":"string","minLength":1,"x-template":true},"structured_data":{"description":"Add the container metadata as RFC 5424 structured data.","type":"boolean","default":true},"max_udp_bytes":{"description":"UDP messages longer than this are cut (never split).","$ref":"#/$defs/size","default":2048},"tls":{"description":"TLS settings (tls:// URLs).","$ref":"#/$defs/tls","default":{}},"timeout":{"description":"Timeout of one connect or write.","$ref":"#/$defs/timeout","default":"10s"}}};
const schema66 = {"title":"Severity","description":"A syslog severity: a name (emerg, alert, crit, err, warning, notice, info, debug) or a number 0..7.","type":["string","integer"],"enum":["emerg","alert","crit","err","error","warning","warn","notice","info","debug",0,1,2,3,4,5,6,7],"x-expected":"a severity name (emerg, alert, crit, err, warning, notice, info, debug) or a number 0..7"};
const pattern28 = new RegExp("^(udp|tcp|tls)://[^\\s]+$", "u");

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate35.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.format === undefined){
data.format = "rfc5424";
}
if(data.framing === undefined){
data.framing = "octet_counting";
}
if(data.facility === undefined){
data.facility = "user";
}
if(data.severity === undefined){
data.severity = {};
}
if(data.structured_data === undefined){
data.structured_data = true;
}
if(data.max_udp_bytes === undefined){
data.max_udp_bytes = 2048;
}
if(data.tls === undefined){
data.tls = {};
}
if(data.timeout === undefined){
data.timeout = "10s";
}
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.url === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema65.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
if("syslog" !== data.type){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "syslog"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(!pattern28.test(data1)){
const err4 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^(udp|tcp|tls)://[^\\s]+$"},message:"must match pattern \""+"^(udp|tcp|tls)://[^\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let data2 = data.format;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!((data2 === "rfc5424") || (data2 === "rfc3164"))){
const err7 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/enum",keyword:"enum",params:{allowedValues: schema65.properties.format.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
let data3 = data.framing;
if(typeof data3 !== "string"){
const err8 = {instancePath:instancePath+"/framing",schemaPath:"#/properties/framing/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data3 === "octet_counting") || (data3 === "newline"))){
const err9 = {instancePath:instancePath+"/framing",schemaPath:"#/properties/framing/enum",keyword:"enum",params:{allowedValues: schema65.properties.framing.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
let data4 = data.facility;
if((typeof data4 !== "string") && (!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4))))){
const err10 = {instancePath:instancePath+"/facility",schemaPath:"#/properties/facility/type",keyword:"type",params:{type: schema65.properties.facility.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!((((((((((((((((((((((((((((((((((((((((((((((((data4 === "kern") || (data4 === "user")) || (data4 === "mail")) || (data4 === "daemon")) || (data4 === "auth")) || (data4 === "syslog")) || (data4 === "lpr")) || (data4 === "news")) || (data4 === "uucp")) || (data4 === "cron")) || (data4 === "authpriv")) || (data4 === "ftp")) || (data4 === "ntp")) || (data4 === "security")) || (data4 === "console")) || (data4 === "solaris-cron")) || (data4 === "local0")) || (data4 === "local1")) || (data4 === "local2")) || (data4 === "local3")) || (data4 === "local4")) || (data4 === "local5")) || (data4 === "local6")) || (data4 === "local7")) || (data4 === 0)) || (data4 === 1)) || (data4 === 2)) || (data4 === 3)) || (data4 === 4)) || (data4 === 5)) || (data4 === 6)) || (data4 === 7)) || (data4 === 8)) || (data4 === 9)) || (data4 === 10)) || (data4 === 11)) || (data4 === 12)) || (data4 === 13)) || (data4 === 14)) || (data4 === 15)) || (data4 === 16)) || (data4 === 17)) || (data4 === 18)) || (data4 === 19)) || (data4 === 20)) || (data4 === 21)) || (data4 === 22)) || (data4 === 23))){
const err11 = {instancePath:instancePath+"/facility",schemaPath:"#/properties/facility/enum",keyword:"enum",params:{allowedValues: schema65.properties.facility.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
let data5 = data.severity;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.stdout === undefined){
data5.stdout = "info";
}
if(data5.stderr === undefined){
data5.stderr = "err";
}
for(const key1 in data5){
if(!((key1 === "stdout") || (key1 === "stderr"))){
const err12 = {instancePath:instancePath+"/severity",schemaPath:"#/properties/severity/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
let data6 = data5.stdout;
if((typeof data6 !== "string") && (!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6))))){
const err13 = {instancePath:instancePath+"/severity/stdout",schemaPath:"#/$defs/severity/type",keyword:"type",params:{type: schema66.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!((((((((((((((((((data6 === "emerg") || (data6 === "alert")) || (data6 === "crit")) || (data6 === "err")) || (data6 === "error")) || (data6 === "warning")) || (data6 === "warn")) || (data6 === "notice")) || (data6 === "info")) || (data6 === "debug")) || (data6 === 0)) || (data6 === 1)) || (data6 === 2)) || (data6 === 3)) || (data6 === 4)) || (data6 === 5)) || (data6 === 6)) || (data6 === 7))){
const err14 = {instancePath:instancePath+"/severity/stdout",schemaPath:"#/$defs/severity/enum",keyword:"enum",params:{allowedValues: schema66.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
let data7 = data5.stderr;
if((typeof data7 !== "string") && (!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7))))){
const err15 = {instancePath:instancePath+"/severity/stderr",schemaPath:"#/$defs/severity/type",keyword:"type",params:{type: schema66.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!((((((((((((((((((data7 === "emerg") || (data7 === "alert")) || (data7 === "crit")) || (data7 === "err")) || (data7 === "error")) || (data7 === "warning")) || (data7 === "warn")) || (data7 === "notice")) || (data7 === "info")) || (data7 === "debug")) || (data7 === 0)) || (data7 === 1)) || (data7 === 2)) || (data7 === 3)) || (data7 === 4)) || (data7 === 5)) || (data7 === 6)) || (data7 === 7))){
const err16 = {instancePath:instancePath+"/severity/stderr",schemaPath:"#/$defs/severity/enum",keyword:"enum",params:{allowedValues: schema66.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/severity",schemaPath:"#/properties/severity/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data.app_name !== undefined){
let data8 = data.app_name;
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err18 = {instancePath:instancePath+"/app_name",schemaPath:"#/properties/app_name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
const _errs26 = errors;
let valid4;
keyword0.errors = null;
valid4 = keyword0.call(self, true, data8, schema65.properties.app_name, {instancePath:instancePath+"/app_name",parentData:data,parentDataProperty:"app_name",rootData,dynamicAnchors});
if(!valid4){
if(Array.isArray(keyword0.errors)){
vErrors = vErrors === null ? keyword0.errors : vErrors.concat(keyword0.errors);
errors = vErrors.length;
for(let i0=_errs26; i0<errors; i0++){
const err19 = vErrors[i0];
if(err19.instancePath === undefined){
err19.instancePath = instancePath+"/app_name";
}
err19.schemaPath = "#/properties/app_name/x-template";
}
}
else {
const err20 = {instancePath:instancePath+"/app_name",schemaPath:"#/properties/app_name/x-template",keyword:"x-template",params:{},message:"must pass \"x-template\" keyword validation"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/app_name",schemaPath:"#/properties/app_name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.hostname !== undefined){
let data9 = data.hostname;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err22 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const _errs29 = errors;
let valid5;
keyword0.errors = null;
valid5 = keyword0.call(self, true, data9, schema65.properties.hostname, {instancePath:instancePath+"/hostname",parentData:data,parentDataProperty:"hostname",rootData,dynamicAnchors});
if(!valid5){
if(Array.isArray(keyword0.errors)){
vErrors = vErrors === null ? keyword0.errors : vErrors.concat(keyword0.errors);
errors = vErrors.length;
for(let i1=_errs29; i1<errors; i1++){
const err23 = vErrors[i1];
if(err23.instancePath === undefined){
err23.instancePath = instancePath+"/hostname";
}
err23.schemaPath = "#/properties/hostname/x-template";
}
}
else {
const err24 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/x-template",keyword:"x-template",params:{},message:"must pass \"x-template\" keyword validation"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(typeof data.structured_data !== "boolean"){
const err26 = {instancePath:instancePath+"/structured_data",schemaPath:"#/properties/structured_data/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
let data11 = data.max_udp_bytes;
if((typeof data11 !== "string") && (!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11))))){
const err27 = {instancePath:instancePath+"/max_udp_bytes",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema34.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 0 || isNaN(data11)){
const err28 = {instancePath:instancePath+"/max_udp_bytes",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(typeof data11 === "string"){
if(!pattern6.test(data11)){
const err29 = {instancePath:instancePath+"/max_udp_bytes",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"},message:"must match pattern \""+"^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"+"\""};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
let data12 = data.tls;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.insecure_skip_verify === undefined){
data12.insecure_skip_verify = false;
}
for(const key2 in data12){
if(!(((((key2 === "ca") || (key2 === "cert")) || (key2 === "key")) || (key2 === "insecure_skip_verify")) || (key2 === "server_name"))){
const err30 = {instancePath:instancePath+"/tls",schemaPath:"#/$defs/tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data12.ca !== undefined){
let data13 = data12.ca;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err31 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/$defs/tls/properties/ca/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/$defs/tls/properties/ca/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data12.cert !== undefined){
let data14 = data12.cert;
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err33 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/$defs/tls/properties/cert/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/$defs/tls/properties/cert/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data12.key !== undefined){
let data15 = data12.key;
if(typeof data15 === "string"){
if(func2(data15) < 1){
const err35 = {instancePath:instancePath+"/tls/key",schemaPath:"#/$defs/tls/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/tls/key",schemaPath:"#/$defs/tls/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(typeof data12.insecure_skip_verify !== "boolean"){
const err37 = {instancePath:instancePath+"/tls/insecure_skip_verify",schemaPath:"#/$defs/tls/properties/insecure_skip_verify/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data12.server_name !== undefined){
let data17 = data12.server_name;
if(typeof data17 === "string"){
if(func2(data17) < 1){
const err38 = {instancePath:instancePath+"/tls/server_name",schemaPath:"#/$defs/tls/properties/server_name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
else {
const err39 = {instancePath:instancePath+"/tls/server_name",schemaPath:"#/$defs/tls/properties/server_name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/tls",schemaPath:"#/$defs/tls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
let data18 = data.timeout;
if(typeof data18 === "string"){
if(!pattern4.test(data18)){
const err41 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/timeout/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/timeout/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}
validate35.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema71 = {"title":"RawDestination","description":"One rendered template per line over TCP (newline-terminated), UDP (one datagram per line) or TLS.","type":"object","additionalProperties":false,"required":["type","url"],"properties":{"type":{"description":"raw","const":"raw"},"url":{"description":"tcp://host:port, udp://host:port or tls://host:port.","type":"string","pattern":"^(udp|tcp|tls)://[^\\s]+:[0-9]+$","x-expected":"a udp://, tcp:// or tls:// URL with a port"},"template":{"description":"What is sent for each line (template; {{ line }} is the line's text, {{ time }} Docker's timestamp). Absent: the line itself.","type":"string","x-template":true},"max_udp_bytes":{"description":"UDP datagrams longer than this are cut.","$ref":"#/$defs/size","default":2048},"tls":{"description":"TLS settings (tls:// URLs).","$ref":"#/$defs/tls","default":{}},"timeout":{"description":"Timeout of one connect or write.","$ref":"#/$defs/timeout","default":"10s"}}};
const pattern31 = new RegExp("^(udp|tcp|tls)://[^\\s]+:[0-9]+$", "u");

function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate36.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.max_udp_bytes === undefined){
data.max_udp_bytes = 2048;
}
if(data.tls === undefined){
data.tls = {};
}
if(data.timeout === undefined){
data.timeout = "10s";
}
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.url === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "type") || (key0 === "url")) || (key0 === "template")) || (key0 === "max_udp_bytes")) || (key0 === "tls")) || (key0 === "timeout"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
if("raw" !== data.type){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "raw"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(!pattern31.test(data1)){
const err4 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^(udp|tcp|tls)://[^\\s]+:[0-9]+$"},message:"must match pattern \""+"^(udp|tcp|tls)://[^\\s]+:[0-9]+$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.template !== undefined){
let data2 = data.template;
if(typeof data2 === "string"){
const _errs8 = errors;
let valid1;
keyword0.errors = null;
valid1 = keyword0.call(self, true, data2, schema71.properties.template, {instancePath:instancePath+"/template",parentData:data,parentDataProperty:"template",rootData,dynamicAnchors});
if(!valid1){
if(Array.isArray(keyword0.errors)){
vErrors = vErrors === null ? keyword0.errors : vErrors.concat(keyword0.errors);
errors = vErrors.length;
for(let i0=_errs8; i0<errors; i0++){
const err6 = vErrors[i0];
if(err6.instancePath === undefined){
err6.instancePath = instancePath+"/template";
}
err6.schemaPath = "#/properties/template/x-template";
}
}
else {
const err7 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/x-template",keyword:"x-template",params:{},message:"must pass \"x-template\" keyword validation"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
let data3 = data.max_udp_bytes;
if((typeof data3 !== "string") && (!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3))))){
const err9 = {instancePath:instancePath+"/max_udp_bytes",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema34.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/max_udp_bytes",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(typeof data3 === "string"){
if(!pattern6.test(data3)){
const err11 = {instancePath:instancePath+"/max_udp_bytes",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"},message:"must match pattern \""+"^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"+"\""};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
let data4 = data.tls;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.insecure_skip_verify === undefined){
data4.insecure_skip_verify = false;
}
for(const key1 in data4){
if(!(((((key1 === "ca") || (key1 === "cert")) || (key1 === "key")) || (key1 === "insecure_skip_verify")) || (key1 === "server_name"))){
const err12 = {instancePath:instancePath+"/tls",schemaPath:"#/$defs/tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.ca !== undefined){
let data5 = data4.ca;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err13 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/$defs/tls/properties/ca/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/tls/ca",schemaPath:"#/$defs/tls/properties/ca/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.cert !== undefined){
let data6 = data4.cert;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err15 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/$defs/tls/properties/cert/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/tls/cert",schemaPath:"#/$defs/tls/properties/cert/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data4.key !== undefined){
let data7 = data4.key;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err17 = {instancePath:instancePath+"/tls/key",schemaPath:"#/$defs/tls/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/tls/key",schemaPath:"#/$defs/tls/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(typeof data4.insecure_skip_verify !== "boolean"){
const err19 = {instancePath:instancePath+"/tls/insecure_skip_verify",schemaPath:"#/$defs/tls/properties/insecure_skip_verify/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data4.server_name !== undefined){
let data9 = data4.server_name;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err20 = {instancePath:instancePath+"/tls/server_name",schemaPath:"#/$defs/tls/properties/server_name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/tls/server_name",schemaPath:"#/$defs/tls/properties/server_name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/tls",schemaPath:"#/$defs/tls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
let data10 = data.timeout;
if(typeof data10 === "string"){
if(!pattern4.test(data10)){
const err23 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/timeout/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/timeout",schemaPath:"#/$defs/timeout/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
validate36.errors = vErrors;
return errors === 0;
}
validate36.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate32.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const tag0 = data.type;
if(typeof tag0 == "string"){
if(tag0 === "console"){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.format === undefined){
data.format = "text";
}
if(data.escape === undefined){
data.escape = "always";
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/$defs/console/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "type") || (key0 === "format")) || (key0 === "escape"))){
const err2 = {instancePath,schemaPath:"#/$defs/console/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
if("console" !== data.type){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/$defs/console/properties/type/const",keyword:"const",params:{allowedValue: "console"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let data1 = data.format;
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/format",schemaPath:"#/$defs/console/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!((data1 === "text") || (data1 === "json"))){
const err5 = {instancePath:instancePath+"/format",schemaPath:"#/$defs/console/properties/format/enum",keyword:"enum",params:{allowedValues: schema75.properties.format.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
let data2 = data.escape;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/escape",schemaPath:"#/$defs/console/properties/escape/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!(((data2 === "always") || (data2 === "auto")) || (data2 === "never"))){
const err7 = {instancePath:instancePath+"/escape",schemaPath:"#/$defs/console/properties/escape/enum",keyword:"enum",params:{allowedValues: schema75.properties.escape.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath,schemaPath:"#/$defs/console/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var props0 = true;
}
else if(tag0 === "http"){
if(!(validate33(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "mezmo"){
if(!(validate34(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "syslog"){
if(!(validate35(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else if(tag0 === "raw"){
if(!(validate36(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
errors = vErrors.length;
}
if(props0 !== true){
props0 = true;
}
}
else {
const err9 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "mapping", tag: "type", tagValue: tag0},message:"value of tag \"type\" must be in oneOf"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath,schemaPath:"#/discriminator",keyword:"discriminator",params:{error: "tag", tag: "type", tagValue: tag0},message:"tag \"type\" must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate32.errors = vErrors;
evaluated0.props = props0;
return errors === 0;
}
validate32.evaluated = {"dynamicProps":true,"dynamicItems":false};

const keyword17 = xRegex;

function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate29.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.destination === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "destination"},message:"must have required property '"+"destination"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema53.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern21.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9_-]*$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9_-]*$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.match !== undefined){
if(!(validate21(data.match, {instancePath:instancePath+"/match",parentData:data,parentDataProperty:"match",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data.exclude !== undefined){
if(!(validate21(data.exclude, {instancePath:instancePath+"/exclude",parentData:data,parentDataProperty:"exclude",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data.filter !== undefined){
let data3 = data.filter;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!((key1 === "include") || (key1 === "exclude"))){
const err5 = {instancePath:instancePath+"/filter",schemaPath:"#/properties/filter/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data3.include !== undefined){
let data4 = data3.include;
if(Array.isArray(data4)){
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 === "string"){
const _errs14 = errors;
let valid4;
keyword2.errors = null;
valid4 = keyword2.call(self, true, data5, schema53.properties.filter.properties.include.items, {instancePath:instancePath+"/filter/include/" + i0,parentData:data4,parentDataProperty:i0,rootData,dynamicAnchors});
if(!valid4){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i1=_errs14; i1<errors; i1++){
const err6 = vErrors[i1];
if(err6.instancePath === undefined){
err6.instancePath = instancePath+"/filter/include/" + i0;
}
err6.schemaPath = "#/properties/filter/properties/include/items/x-pattern";
}
}
else {
const err7 = {instancePath:instancePath+"/filter/include/" + i0,schemaPath:"#/properties/filter/properties/include/items/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/filter/include/" + i0,schemaPath:"#/properties/filter/properties/include/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/filter/include",schemaPath:"#/properties/filter/properties/include/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data3.exclude !== undefined){
let data6 = data3.exclude;
if(Array.isArray(data6)){
const len1 = data6.length;
for(let i2=0; i2<len1; i2++){
let data7 = data6[i2];
if(typeof data7 === "string"){
const _errs19 = errors;
let valid7;
keyword2.errors = null;
valid7 = keyword2.call(self, true, data7, schema53.properties.filter.properties.exclude.items, {instancePath:instancePath+"/filter/exclude/" + i2,parentData:data6,parentDataProperty:i2,rootData,dynamicAnchors});
if(!valid7){
if(Array.isArray(keyword2.errors)){
vErrors = vErrors === null ? keyword2.errors : vErrors.concat(keyword2.errors);
errors = vErrors.length;
for(let i3=_errs19; i3<errors; i3++){
const err10 = vErrors[i3];
if(err10.instancePath === undefined){
err10.instancePath = instancePath+"/filter/exclude/" + i2;
}
err10.schemaPath = "#/properties/filter/properties/exclude/items/x-pattern";
}
}
else {
const err11 = {instancePath:instancePath+"/filter/exclude/" + i2,schemaPath:"#/properties/filter/properties/exclude/items/x-pattern",keyword:"x-pattern",params:{},message:"must pass \"x-pattern\" keyword validation"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/filter/exclude/" + i2,schemaPath:"#/properties/filter/properties/exclude/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/filter/exclude",schemaPath:"#/properties/filter/properties/exclude/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/filter",schemaPath:"#/properties/filter/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.multiline !== undefined){
let data8 = data.multiline;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.max_lines === undefined){
data8.max_lines = 500;
}
if(data8.timeout === undefined){
data8.timeout = "1s";
}
if(data8.start === undefined){
const err15 = {instancePath:instancePath+"/multiline",schemaPath:"#/properties/multiline/required",keyword:"required",params:{missingProperty: "start"},message:"must have required property '"+"start"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key2 in data8){
if(!(((key2 === "start") || (key2 === "max_lines")) || (key2 === "timeout"))){
const err16 = {instancePath:instancePath+"/multiline",schemaPath:"#/properties/multiline/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data8.start !== undefined){
let data9 = data8.start;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err17 = {instancePath:instancePath+"/multiline/start",schemaPath:"#/properties/multiline/properties/start/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const _errs25 = errors;
let valid9;
keyword17.errors = null;
valid9 = keyword17.call(self, true, data9, schema53.properties.multiline.properties.start, {instancePath:instancePath+"/multiline/start",parentData:data8,parentDataProperty:"start",rootData,dynamicAnchors});
if(!valid9){
if(Array.isArray(keyword17.errors)){
vErrors = vErrors === null ? keyword17.errors : vErrors.concat(keyword17.errors);
errors = vErrors.length;
for(let i4=_errs25; i4<errors; i4++){
const err18 = vErrors[i4];
if(err18.instancePath === undefined){
err18.instancePath = instancePath+"/multiline/start";
}
err18.schemaPath = "#/properties/multiline/properties/start/x-regex";
}
}
else {
const err19 = {instancePath:instancePath+"/multiline/start",schemaPath:"#/properties/multiline/properties/start/x-regex",keyword:"x-regex",params:{},message:"must pass \"x-regex\" keyword validation"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/multiline/start",schemaPath:"#/properties/multiline/properties/start/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
let data10 = data8.max_lines;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err21 = {instancePath:instancePath+"/multiline/max_lines",schemaPath:"#/properties/multiline/properties/max_lines/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 1 || isNaN(data10)){
const err22 = {instancePath:instancePath+"/multiline/max_lines",schemaPath:"#/properties/multiline/properties/max_lines/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
let data11 = data8.timeout;
if(typeof data11 === "string"){
if(!pattern4.test(data11)){
const err23 = {instancePath:instancePath+"/multiline/timeout",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/multiline/timeout",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/multiline",schemaPath:"#/properties/multiline/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.tags !== undefined){
let data12 = data.tags;
if(Array.isArray(data12)){
const len2 = data12.length;
for(let i5=0; i5<len2; i5++){
let data13 = data12[i5];
if(typeof data13 === "string"){
const _errs38 = errors;
let valid14;
keyword0.errors = null;
valid14 = keyword0.call(self, true, data13, schema32.items, {instancePath:instancePath+"/tags/" + i5,parentData:data12,parentDataProperty:i5,rootData,dynamicAnchors});
if(!valid14){
if(Array.isArray(keyword0.errors)){
vErrors = vErrors === null ? keyword0.errors : vErrors.concat(keyword0.errors);
errors = vErrors.length;
for(let i6=_errs38; i6<errors; i6++){
const err26 = vErrors[i6];
if(err26.instancePath === undefined){
err26.instancePath = instancePath+"/tags/" + i5;
}
err26.schemaPath = "#/$defs/templateList/items/x-template";
}
}
else {
const err27 = {instancePath:instancePath+"/tags/" + i5,schemaPath:"#/$defs/templateList/items/x-template",keyword:"x-template",params:{},message:"must pass \"x-template\" keyword validation"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/tags/" + i5,schemaPath:"#/$defs/templateList/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/tags",schemaPath:"#/$defs/templateList/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.destination !== undefined){
if(!(validate32(data.destination, {instancePath:instancePath+"/destination",parentData:data,parentDataProperty:"destination",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.buffer !== undefined){
if(!(validate23(data.buffer, {instancePath:instancePath+"/buffer",parentData:data,parentDataProperty:"buffer",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
if(data.flush !== undefined){
if(!(validate25(data.flush, {instancePath:instancePath+"/flush",parentData:data,parentDataProperty:"flush",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
if(data.retry !== undefined){
if(!(validate27(data.retry, {instancePath:instancePath+"/retry",parentData:data,parentDataProperty:"retry",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
}
else {
const err30 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}
validate29.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://github.com/sluice/sluice/schema/sluice.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.log_level === undefined){
data.log_level = "info";
}
if(data.shutdown_timeout === undefined){
data.shutdown_timeout = "10s";
}
if(data.source === undefined){
data.source = "auto";
}
if(data.docker === undefined){
data.docker = {};
}
if(data.kubernetes === undefined){
data.kubernetes = {};
}
if(data.containers === undefined){
data.containers = {};
}
if(data.state_dir === undefined){
data.state_dir = "/var/lib/sluice";
}
if(data.api === undefined){
data.api = {};
}
if(data.reload === undefined){
data.reload = {};
}
if(data.defaults === undefined){
data.defaults = {};
}
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.routes === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "routes"},message:"must have required property '"+"routes"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.version !== undefined){
if(1 !== data.version){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.hostname !== undefined){
let data1 = data.hostname;
if(typeof data1 === "string"){
const _errs6 = errors;
let valid1;
keyword0.errors = null;
valid1 = keyword0.call(self, true, data1, schema31.properties.hostname, {instancePath:instancePath+"/hostname",parentData:data,parentDataProperty:"hostname",rootData,dynamicAnchors});
if(!valid1){
if(Array.isArray(keyword0.errors)){
vErrors = vErrors === null ? keyword0.errors : vErrors.concat(keyword0.errors);
errors = vErrors.length;
for(let i0=_errs6; i0<errors; i0++){
const err4 = vErrors[i0];
if(err4.instancePath === undefined){
err4.instancePath = instancePath+"/hostname";
}
err4.schemaPath = "#/properties/hostname/x-template";
}
}
else {
const err5 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/x-template",keyword:"x-template",params:{},message:"must pass \"x-template\" keyword validation"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.tags !== undefined){
let data2 = data.tags;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i1=0; i1<len0; i1++){
let data3 = data2[i1];
if(typeof data3 === "string"){
const _errs13 = errors;
let valid5;
keyword0.errors = null;
valid5 = keyword0.call(self, true, data3, schema32.items, {instancePath:instancePath+"/tags/" + i1,parentData:data2,parentDataProperty:i1,rootData,dynamicAnchors});
if(!valid5){
if(Array.isArray(keyword0.errors)){
vErrors = vErrors === null ? keyword0.errors : vErrors.concat(keyword0.errors);
errors = vErrors.length;
for(let i2=_errs13; i2<errors; i2++){
const err7 = vErrors[i2];
if(err7.instancePath === undefined){
err7.instancePath = instancePath+"/tags/" + i1;
}
err7.schemaPath = "#/$defs/templateList/items/x-template";
}
}
else {
const err8 = {instancePath:instancePath+"/tags/" + i1,schemaPath:"#/$defs/templateList/items/x-template",keyword:"x-template",params:{},message:"must pass \"x-template\" keyword validation"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/tags/" + i1,schemaPath:"#/$defs/templateList/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/tags",schemaPath:"#/$defs/templateList/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let data4 = data.log_level;
if(typeof data4 !== "string"){
const err11 = {instancePath:instancePath+"/log_level",schemaPath:"#/properties/log_level/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!((((((data4 === "trace") || (data4 === "debug")) || (data4 === "info")) || (data4 === "warn")) || (data4 === "error")) || (data4 === "fatal"))){
const err12 = {instancePath:instancePath+"/log_level",schemaPath:"#/properties/log_level/enum",keyword:"enum",params:{allowedValues: schema31.properties.log_level.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
let data5 = data.shutdown_timeout;
if(typeof data5 === "string"){
if(!pattern4.test(data5)){
const err13 = {instancePath:instancePath+"/shutdown_timeout",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/shutdown_timeout",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
let data6 = data.source;
if(typeof data6 !== "string"){
const err15 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!(((data6 === "auto") || (data6 === "docker")) || (data6 === "kubernetes"))){
const err16 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/enum",keyword:"enum",params:{allowedValues: schema31.properties.source.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
let data7 = data.docker;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(data7.partial_merge === undefined){
data7.partial_merge = true;
}
if(data7.max_line_bytes === undefined){
data7.max_line_bytes = "256KiB";
}
for(const key1 in data7){
if(!((((key1 === "host") || (key1 === "partial_merge")) || (key1 === "max_line_bytes")) || (key1 === "tls"))){
const err17 = {instancePath:instancePath+"/docker",schemaPath:"#/properties/docker/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data7.host !== undefined){
let data8 = data7.host;
if(typeof data8 === "string"){
if(!pattern5.test(data8)){
const err18 = {instancePath:instancePath+"/docker/host",schemaPath:"#/properties/docker/properties/host/pattern",keyword:"pattern",params:{pattern: "^(unix|tcp|http|https|npipe)://.+$"},message:"must match pattern \""+"^(unix|tcp|http|https|npipe)://.+$"+"\""};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/docker/host",schemaPath:"#/properties/docker/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(typeof data7.partial_merge !== "boolean"){
const err20 = {instancePath:instancePath+"/docker/partial_merge",schemaPath:"#/properties/docker/properties/partial_merge/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
let data10 = data7.max_line_bytes;
if((typeof data10 !== "string") && (!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10))))){
const err21 = {instancePath:instancePath+"/docker/max_line_bytes",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema34.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
const err22 = {instancePath:instancePath+"/docker/max_line_bytes",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(typeof data10 === "string"){
if(!pattern6.test(data10)){
const err23 = {instancePath:instancePath+"/docker/max_line_bytes",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"},message:"must match pattern \""+"^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"+"\""};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data7.tls !== undefined){
let data11 = data7.tls;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.verify === undefined){
data11.verify = true;
}
for(const key2 in data11){
if(!((((key2 === "ca") || (key2 === "cert")) || (key2 === "key")) || (key2 === "verify"))){
const err24 = {instancePath:instancePath+"/docker/tls",schemaPath:"#/properties/docker/properties/tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data11.ca !== undefined){
let data12 = data11.ca;
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err25 = {instancePath:instancePath+"/docker/tls/ca",schemaPath:"#/properties/docker/properties/tls/properties/ca/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/docker/tls/ca",schemaPath:"#/properties/docker/properties/tls/properties/ca/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data11.cert !== undefined){
let data13 = data11.cert;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err27 = {instancePath:instancePath+"/docker/tls/cert",schemaPath:"#/properties/docker/properties/tls/properties/cert/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/docker/tls/cert",schemaPath:"#/properties/docker/properties/tls/properties/cert/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data11.key !== undefined){
let data14 = data11.key;
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err29 = {instancePath:instancePath+"/docker/tls/key",schemaPath:"#/properties/docker/properties/tls/properties/key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/docker/tls/key",schemaPath:"#/properties/docker/properties/tls/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(typeof data11.verify !== "boolean"){
const err31 = {instancePath:instancePath+"/docker/tls/verify",schemaPath:"#/properties/docker/properties/tls/properties/verify/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/docker/tls",schemaPath:"#/properties/docker/properties/tls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/docker",schemaPath:"#/properties/docker/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
let data16 = data.kubernetes;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.log_dir === undefined){
data16.log_dir = "/var/log/pods";
}
if(data16.api === undefined){
data16.api = "auto";
}
if(data16.max_line_bytes === undefined){
data16.max_line_bytes = "256KiB";
}
for(const key3 in data16){
if(!((((key3 === "log_dir") || (key3 === "node_name")) || (key3 === "api")) || (key3 === "max_line_bytes"))){
const err34 = {instancePath:instancePath+"/kubernetes",schemaPath:"#/properties/kubernetes/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
let data17 = data16.log_dir;
if(typeof data17 === "string"){
if(func2(data17) < 1){
const err35 = {instancePath:instancePath+"/kubernetes/log_dir",schemaPath:"#/properties/kubernetes/properties/log_dir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/kubernetes/log_dir",schemaPath:"#/properties/kubernetes/properties/log_dir/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data16.node_name !== undefined){
if(typeof data16.node_name !== "string"){
const err37 = {instancePath:instancePath+"/kubernetes/node_name",schemaPath:"#/properties/kubernetes/properties/node_name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
let data19 = data16.api;
const _errs53 = errors;
let valid11 = false;
let passing0 = null;
const _errs54 = errors;
if(typeof data19 !== "string"){
const err38 = {instancePath:instancePath+"/kubernetes/api",schemaPath:"#/properties/kubernetes/properties/api/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(!((data19 === "auto") || (data19 === "off"))){
const err39 = {instancePath:instancePath+"/kubernetes/api",schemaPath:"#/properties/kubernetes/properties/api/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema31.properties.kubernetes.properties.api.oneOf[0].enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
var _valid0 = _errs54 === errors;
if(_valid0){
valid11 = true;
passing0 = 0;
}
const _errs56 = errors;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.url === undefined){
const err40 = {instancePath:instancePath+"/kubernetes/api",schemaPath:"#/properties/kubernetes/properties/api/oneOf/1/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
for(const key4 in data19){
if(!(((key4 === "url") || (key4 === "token_file")) || (key4 === "ca_file"))){
const err41 = {instancePath:instancePath+"/kubernetes/api",schemaPath:"#/properties/kubernetes/properties/api/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data19.url !== undefined){
let data20 = data19.url;
if(typeof data20 === "string"){
if(!pattern7.test(data20)){
const err42 = {instancePath:instancePath+"/kubernetes/api/url",schemaPath:"#/properties/kubernetes/properties/api/oneOf/1/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://.+$"},message:"must match pattern \""+"^https?://.+$"+"\""};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/kubernetes/api/url",schemaPath:"#/properties/kubernetes/properties/api/oneOf/1/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data19.token_file !== undefined){
let data21 = data19.token_file;
if(typeof data21 === "string"){
if(func2(data21) < 1){
const err44 = {instancePath:instancePath+"/kubernetes/api/token_file",schemaPath:"#/properties/kubernetes/properties/api/oneOf/1/properties/token_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/kubernetes/api/token_file",schemaPath:"#/properties/kubernetes/properties/api/oneOf/1/properties/token_file/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data19.ca_file !== undefined){
let data22 = data19.ca_file;
if(typeof data22 === "string"){
if(func2(data22) < 1){
const err46 = {instancePath:instancePath+"/kubernetes/api/ca_file",schemaPath:"#/properties/kubernetes/properties/api/oneOf/1/properties/ca_file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/kubernetes/api/ca_file",schemaPath:"#/properties/kubernetes/properties/api/oneOf/1/properties/ca_file/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/kubernetes/api",schemaPath:"#/properties/kubernetes/properties/api/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
var _valid0 = _errs56 === errors;
if(_valid0 && valid11){
valid11 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid11 = true;
passing0 = 1;
}
}
if(!valid11){
const err49 = {instancePath:instancePath+"/kubernetes/api",schemaPath:"#/properties/kubernetes/properties/api/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
else {
errors = _errs53;
if(vErrors !== null){
if(_errs53){
vErrors.length = _errs53;
}
else {
vErrors = null;
}
}
}
let data23 = data16.max_line_bytes;
if((typeof data23 !== "string") && (!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23))))){
const err50 = {instancePath:instancePath+"/kubernetes/max_line_bytes",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema34.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 < 0 || isNaN(data23)){
const err51 = {instancePath:instancePath+"/kubernetes/max_line_bytes",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(typeof data23 === "string"){
if(!pattern6.test(data23)){
const err52 = {instancePath:instancePath+"/kubernetes/max_line_bytes",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"},message:"must match pattern \""+"^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)?$"+"\""};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/kubernetes",schemaPath:"#/properties/kubernetes/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
let data24 = data.containers;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.opt_in === undefined){
data24.opt_in = false;
}
if(data24.backfill === undefined){
data24.backfill = "none";
}
for(const key5 in data24){
if(!(((key5 === "opt_in") || (key5 === "exclude")) || (key5 === "backfill"))){
const err54 = {instancePath:instancePath+"/containers",schemaPath:"#/properties/containers/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(typeof data24.opt_in !== "boolean"){
const err55 = {instancePath:instancePath+"/containers/opt_in",schemaPath:"#/properties/containers/properties/opt_in/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(data24.exclude !== undefined){
if(!(validate21(data24.exclude, {instancePath:instancePath+"/containers/exclude",parentData:data24,parentDataProperty:"exclude",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
let data27 = data24.backfill;
if(typeof data27 === "string"){
if(!pattern12.test(data27)){
const err56 = {instancePath:instancePath+"/containers/backfill",schemaPath:"#/properties/containers/properties/backfill/pattern",keyword:"pattern",params:{pattern: "^(none|all|tail:[0-9]+|since:[0-9]+(ms|s|m|h))$"},message:"must match pattern \""+"^(none|all|tail:[0-9]+|since:[0-9]+(ms|s|m|h))$"+"\""};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
else {
const err57 = {instancePath:instancePath+"/containers/backfill",schemaPath:"#/properties/containers/properties/backfill/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/containers",schemaPath:"#/properties/containers/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
let data28 = data.state_dir;
if((typeof data28 !== "string") && (data28 !== null)){
const err59 = {instancePath:instancePath+"/state_dir",schemaPath:"#/properties/state_dir/type",keyword:"type",params:{type: schema31.properties.state_dir.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(typeof data28 === "string"){
if(func2(data28) < 1){
const err60 = {instancePath:instancePath+"/state_dir",schemaPath:"#/properties/state_dir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
let data29 = data.api;
if((!(data29 && typeof data29 == "object" && !Array.isArray(data29))) && (data29 !== null)){
const err61 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/type",keyword:"type",params:{type: schema31.properties.api.type},message:"must be object,null"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.listen === undefined){
data29.listen = "127.0.0.1:8080";
}
if(data29.allow_insecure_listen === undefined){
data29.allow_insecure_listen = false;
}
for(const key6 in data29){
if(!(((key6 === "listen") || (key6 === "token")) || (key6 === "allow_insecure_listen"))){
const err62 = {instancePath:instancePath+"/api",schemaPath:"#/properties/api/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
let data30 = data29.listen;
if(typeof data30 === "string"){
if(!pattern13.test(data30)){
const err63 = {instancePath:instancePath+"/api/listen",schemaPath:"#/properties/api/properties/listen/pattern",keyword:"pattern",params:{pattern: "^(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]]*):[0-9]{1,5}$"},message:"must match pattern \""+"^(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]]*):[0-9]{1,5}$"+"\""};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
else {
const err64 = {instancePath:instancePath+"/api/listen",schemaPath:"#/properties/api/properties/listen/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(data29.token !== undefined){
let data31 = data29.token;
if((typeof data31 !== "string") && (data31 !== null)){
const err65 = {instancePath:instancePath+"/api/token",schemaPath:"#/properties/api/properties/token/type",keyword:"type",params:{type: schema31.properties.api.properties.token.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(typeof data29.allow_insecure_listen !== "boolean"){
const err66 = {instancePath:instancePath+"/api/allow_insecure_listen",schemaPath:"#/properties/api/properties/allow_insecure_listen/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
let data33 = data.reload;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
if(data33.debounce === undefined){
data33.debounce = "200ms";
}
if(data33.poll_interval === undefined){
data33.poll_interval = "5s";
}
for(const key7 in data33){
if(!((key7 === "debounce") || (key7 === "poll_interval"))){
const err67 = {instancePath:instancePath+"/reload",schemaPath:"#/properties/reload/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
let data34 = data33.debounce;
if(typeof data34 === "string"){
if(!pattern4.test(data34)){
const err68 = {instancePath:instancePath+"/reload/debounce",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
else {
const err69 = {instancePath:instancePath+"/reload/debounce",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
let data35 = data33.poll_interval;
if(typeof data35 === "string"){
if(!pattern4.test(data35)){
const err70 = {instancePath:instancePath+"/reload/poll_interval",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath:instancePath+"/reload/poll_interval",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
else {
const err72 = {instancePath:instancePath+"/reload",schemaPath:"#/properties/reload/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
let data36 = data.defaults;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
if(data36.buffer === undefined){
data36.buffer = {};
}
if(data36.flush === undefined){
data36.flush = {};
}
if(data36.retry === undefined){
data36.retry = {};
}
for(const key8 in data36){
if(!(((key8 === "buffer") || (key8 === "flush")) || (key8 === "retry"))){
const err73 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(!(validate23(data36.buffer, {instancePath:instancePath+"/defaults/buffer",parentData:data36,parentDataProperty:"buffer",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
if(!(validate25(data36.flush, {instancePath:instancePath+"/defaults/flush",parentData:data36,parentDataProperty:"flush",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
if(!(validate27(data36.retry, {instancePath:instancePath+"/defaults/retry",parentData:data36,parentDataProperty:"retry",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
else {
const err74 = {instancePath:instancePath+"/defaults",schemaPath:"#/properties/defaults/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(data.routes !== undefined){
let data40 = data.routes;
if(Array.isArray(data40)){
const len1 = data40.length;
for(let i3=0; i3<len1; i3++){
if(!(validate29(data40[i3], {instancePath:instancePath+"/routes/" + i3,parentData:data40,parentDataProperty:i3,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
const _errs113 = errors;
let valid22;
keyword25.errors = null;
valid22 = keyword25.call(self, "name", data40, schema31.properties.routes, {instancePath:instancePath+"/routes",parentData:data,parentDataProperty:"routes",rootData,dynamicAnchors});
if(!valid22){
if(Array.isArray(keyword25.errors)){
vErrors = vErrors === null ? keyword25.errors : vErrors.concat(keyword25.errors);
errors = vErrors.length;
for(let i4=_errs113; i4<errors; i4++){
const err75 = vErrors[i4];
if(err75.instancePath === undefined){
err75.instancePath = instancePath+"/routes";
}
err75.schemaPath = "#/properties/routes/x-unique";
}
}
else {
const err76 = {instancePath:instancePath+"/routes",schemaPath:"#/properties/routes/x-unique",keyword:"x-unique",params:{},message:"must pass \"x-unique\" keyword validation"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
else {
const err77 = {instancePath:instancePath+"/routes",schemaPath:"#/properties/routes/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
}
else {
const err78 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

