/**
 * Real-world logspout and Mezmo-logspout setups (from both projects' READMEs and issue threads,
 * written out here): each migrates to YAML that sluice loads, and on a set of sample containers
 * `explain` selects exactly the containers and streams logspout's own filters select (oracle.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { loadConfigText } from '../../src/config/load.js';
import type { ContainerInfo } from '../../src/core/record.js';
import { migrate } from '../../src/migrate/index.js';
import { explainContainer } from '../../src/routing/explain.js';
import { logspoutDelivers, oracleRoutes } from './oracle.js';

const CANARY = 'canary-Zq8Xv3-secret';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

interface Case {
  readonly name: string;
  readonly uris?: string;
  readonly env: Record<string, string>;
  /** Every key translated (exit 0). */
  readonly complete: boolean;
  /** Keys expected among the untranslated ones. */
  readonly untranslated?: readonly string[];
  /** When selection cannot agree (said why), the explain comparison is skipped. */
  readonly selectionDiffers?: string;
}

const CASES: Case[] = [
  // gliderlabs/logspout README
  { name: 'papertrail over TLS as the argument', uris: 'syslog+tls://logs.papertrailapp.com:55555', env: {}, complete: true },
  { name: 'plain syslog (UDP by default)', uris: 'syslog://remote.host:514', env: {}, complete: true },
  { name: 'raw TCP to logstash, tcp:// shorthand', uris: 'tcp://logstash.internal:5000', env: {}, complete: true },
  { name: 'README filter by name', uris: 'syslog+tcp://logs.example.com:514?filter.name=*_db', env: {}, complete: true },
  { name: 'README filter by id', uris: 'syslog+tcp://logs.example.com:514?filter.id=3fa2c1b9e0d4', env: {}, complete: true },
  { name: 'README filter by sources (encoded comma)', uris: 'syslog+tcp://logs.example.com:514?filter.sources=stdout%2Cstderr', env: {}, complete: true },
  { name: 'README filter by labels', uris: 'syslog+tcp://logs.example.com:514?filter.labels=com.example.tier:backend*%2Cenv:prod', env: {}, complete: true },
  { name: 'ROUTE_URIS with two routes and rfc3164', env: { ROUTE_URIS: 'syslog+tcp://a.example:514,raw+udp://b.example:5000?filter.sources=stderr', SYSLOG_FORMAT: 'rfc3164' }, complete: true },
  { name: 'README ignoring containers by label', uris: 'syslog+tls://logs.example.com:6514', env: { EXCLUDE_LABEL: 'logspout.exclude' }, complete: true },
  { name: 'exclude label with a custom value', uris: 'syslog://logs.example.com:514', env: { EXCLUDE_LABEL: 'com.example.logs:False' }, complete: true },
  { name: 'EXCLUDE_LABELS with one key and two values', uris: 'raw+tcp://10.1.2.3:5000', env: { EXCLUDE_LABELS: 'logging:off;logging:none' }, complete: true },
  {
    name: 'EXCLUDE_LABELS with two keys (one is left out, reported)',
    uris: 'raw+tcp://10.1.2.3:5000',
    env: { EXCLUDE_LABELS: 'k8s-app:kube-proxy;tier:system' },
    complete: false,
    untranslated: ['EXCLUDE_LABELS'],
    selectionDiffers: 'only the first exclude label can be written',
  },
  { name: "EXCLUDE_LABELS mixing a bare key and key:value (logspout's loop quirk kept)", uris: 'raw+tcp://10.1.2.3:5000', env: { EXCLUDE_LABELS: 'logspout.exclude;k8s-app:kube-proxy' }, complete: true },
  { name: 'BACKLOG with TAIL', uris: 'syslog+tcp://logs.example.com:514', env: { BACKLOG: 'true', TAIL: '100' }, complete: true },
  { name: 'BACKLOG=false from the old README', uris: 'syslog+tcp://logs.example.com:514', env: { BACKLOG: 'false' }, complete: true },
  { name: 'multiline Java stack traces', uris: 'multiline+raw+tcp://logstash:5000', env: { MULTILINE_FLUSH_AFTER: '1000' }, complete: true },
  { name: 'multiline with a first-line pattern', uris: 'multiline+syslog+tcp://rsyslog:514', env: { MULTILINE_MATCH: 'first', MULTILINE_PATTERN: '^\\d{4}-\\d{2}-\\d{2}' }, complete: true },
  { name: 'multiline last (no sluice equivalent)', uris: 'multiline+raw+tcp://logstash:5000', env: { MULTILINE_MATCH: 'last', MULTILINE_PATTERN: '\\\\$' }, complete: false, untranslated: ['MULTILINE_MATCH'] },
  { name: 'README RAW_FORMAT toJSON (no sluice equivalent)', uris: 'raw+tcp://logstash:5000', env: { RAW_FORMAT: '{{ toJSON . }}\n' }, complete: false, untranslated: ['RAW_FORMAT'] },
  { name: 'RAW_FORMAT with container name and data', uris: 'raw+tcp://collector:5140', env: { RAW_FORMAT: '{{.Container.Name}} {{.Source}}: {{.Data}}\n' }, complete: true },
  { name: 'syslog hostname and tag from compose labels', uris: 'syslog+tcp://rsyslog:514', env: { SYSLOG_HOSTNAME: '{{.Container.Config.Hostname}}', SYSLOG_TAG: '{{ index .Container.Config.Labels "com.docker.compose.service" }}' }, complete: true },
  { name: 'loggly token in SYSLOG_STRUCTURED_DATA (not translated, never printed)', uris: 'syslog+tcp://logs-01.loggly.com:514', env: { SYSLOG_STRUCTURED_DATA: `${CANARY}@41058 tag="Logspout"` }, complete: false, untranslated: ['SYSLOG_STRUCTURED_DATA'] },
  { name: 'append_tag per route', uris: 'syslog+tls://logs.example.com:6514?filter.name=*_web&append_tag=.web', env: {}, complete: true },
  { name: 'octet-counted TCP framing', uris: 'syslog+tcp://rsyslog:514', env: { SYSLOG_TCP_FRAMING: 'octet-counted' }, complete: true },
  { name: 'numeric SYSLOG_PRIORITY (local0.info)', uris: 'syslog+udp://rsyslog:514', env: { SYSLOG_PRIORITY: '134' }, complete: true },
  { name: 'TLS with a private CA and client cert', uris: 'syslog+tls://siem.example:6514', env: { LOGSPOUT_TLS_CA_CERTS: '/certs/ca.pem', LOGSPOUT_TLS_DISABLE_SYSTEM_ROOTS: 'true', LOGSPOUT_TLS_CLIENT_CERT: '/certs/c.pem', LOGSPOUT_TLS_CLIENT_KEY: '/certs/c.key' }, complete: true },
  { name: 'API port and DEBUG', uris: 'syslog://rsyslog:514', env: { PORT: '8000', DEBUG: '1' }, complete: true },
  { name: 'third-party logstash adapter (reported)', uris: 'logstash+tcp://logstash:5000,syslog://rsyslog:514', env: {}, complete: false, untranslated: ['route 1'] },
  { name: 'name glob with a character class', uris: 'raw+udp://collector:9000?filter.name=[ab]pp-*', env: {}, complete: true },
  { name: 'label key:* also takes containers without the label', uris: 'udp://collector:9000?filter.labels=env:*', env: {}, complete: true },
  { name: 'label entries without ":" or value are ignored', uris: 'syslog://rsyslog:514?filter.labels=team:%2Cdebug%2Cenv:prod*', env: {}, complete: true },
  { name: 'ALLOW_TTY and INACTIVITY_TIMEOUT', uris: 'syslog://rsyslog:514', env: { ALLOW_TTY: 'true', INACTIVITY_TIMEOUT: '1m', RETRY_COUNT: '30' }, complete: true },
  { name: 'routes API persistence (reported)', uris: 'syslog://rsyslog:514', env: { ROUTESPATH: '/mnt/routes' }, complete: false, untranslated: ['ROUTESPATH'] },
  { name: 'env reference in the URI', uris: 'syslog+tcp://$SYSLOG_HOST:514', env: { SYSLOG_HOST: 'rsyslog.internal' }, complete: true },
  { name: 'a filter.id longer than the short id matches nothing (reported)', uris: 'syslog://rsyslog:514?filter.id=3fa2c1b9e0d4aa55', env: {}, complete: false, untranslated: ['route 1'] },
  // logdna/logspout README and issues
  { name: 'Mezmo: the key alone', env: { LOGDNA_KEY: CANARY }, complete: true },
  { name: 'Mezmo: tags and a custom URL', env: { LOGDNA_KEY: CANARY, TAGS: 'prod,web', LOGDNA_URL: 'logs.eu.logdna.com/logs/ingest' }, complete: true },
  { name: 'Mezmo: filters', env: { LOGDNA_KEY: CANARY, FILTER_NAME: '*_app*', FILTER_LABELS: 'env:prod*,team:*', FILTER_SOURCES: 'stderr' }, complete: true },
  { name: 'Mezmo: tuning', env: { LOGDNA_KEY: CANARY, FLUSH_INTERVAL: '500', MAX_BUFFER_SIZE: '4', MAX_REQUEST_RETRY: '10', HTTP_CLIENT_TIMEOUT: '15', HTTP_CLIENT_BACKOFF: '2', HTTP_CLIENT_JITTER: '5' }, complete: true },
  { name: 'Mezmo: tag templates', env: { LOGDNA_KEY: CANARY, TAGS: 'swarm,{{.Container.Config.Hostname}},{{ index .Container.Config.Labels "com.docker.swarm.service.name" }}' }, complete: true },
  { name: 'Mezmo: image defaults (INACTIVITY_TIMEOUT, BUILD_VERSION, HOSTNAME)', env: { LOGDNA_KEY: CANARY, INACTIVITY_TIMEOUT: '1m', BUILD_VERSION: '1.3.1', HOSTNAME: 'node-7' }, complete: true },
  { name: 'Mezmo and a syslog route together', uris: 'syslog+tls://siem.example:6514?filter.labels=audit:true', env: { LOGDNA_KEY: CANARY, FILTER_ID: '9d1e' }, complete: true },
  { name: 'Mezmo: LOGDNA_URL with a scheme never worked (reported)', env: { LOGDNA_KEY: CANARY, LOGDNA_URL: 'https://logs.logdna.com/logs/ingest' }, complete: false, untranslated: ['LOGDNA_URL'] },
  { name: 'an unknown variable is reported without its value', uris: 'syslog://rsyslog:514', env: { SYSLOG_TOKEN: CANARY }, complete: false, untranslated: ['SYSLOG_TOKEN'] },
  { name: 'an unknown route option is reported without its value', uris: `raw+tcp://collector:5000?token=${CANARY}`, env: {}, complete: false, untranslated: ['route 1 token'] },
];

function sample(name: string, labels: Record<string, string> = {}, over: Partial<ContainerInfo> = {}): ContainerInfo {
  const id = (over.id ?? [...name].map((c) => c.charCodeAt(0).toString(16)).join('')).padEnd(64, '7').slice(0, 64);
  return { id, name, image: 'img/' + name, labels, hostname: name, tty: false, logDriver: 'json-file', logspoutIgnore: false, ...over };
}

const SAMPLES: ContainerInfo[] = [
  sample('shop_db', { 'com.example.tier': 'backend-db', env: 'prod' }),
  sample('shop_web', { env: 'production', team: 'web', 'com.docker.compose.service': 'web' }),
  sample('app-1', { env: 'prod/eu', team: '' }),
  sample('bpp-2', { audit: 'true', 'logspout.exclude': 'TRUE' }),
  sample('worker', {}, { id: '3fa2c1b9e0d4' }),
  sample('billing_app_1', { env: 'prod', team: 'pay', logging: 'None' }, { id: '9d1e00aa' }),
  sample('quiet', { 'com.example.logs': 'false', 'k8s-app': 'kube-proxy' }),
  sample('node-exporter', { tier: 'system', debug: 'x' }),
  sample('ignored', { env: 'prod' }, { logspoutIgnore: true }),
  sample('cpp-9', { 'com.example.tier': 'backend', env: 'prod' }),
];

const expandRefs = (s: string, env: Record<string, string>) => s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, n: string, d?: string) => env[n] ?? d ?? '');

test(`${CASES.length} real-world logspout and Mezmo setups migrate to valid configs that select what logspout selects`, async () => {
  assert.ok(CASES.length >= 30);
  for (const c of CASES) {
    const r = migrate({ env: c.env, wholeEnv: false, ...(c.uris !== undefined && { routeArg: c.uris }) });
    const where = `${c.name}\n${r.yaml}`;
    assert.ok(!r.yaml.includes(CANARY), `secret printed: ${where}`);
    assert.ok(!JSON.stringify(r.findings).includes(CANARY), `secret in findings: ${c.name}`);
    assert.equal(r.complete, c.complete, `${c.name}: ${JSON.stringify(r.findings.filter((f) => !f.ok))}`);
    const missing = r.findings.filter((f) => !f.ok).map((f) => f.key);
    for (const k of c.untranslated ?? []) assert.ok(missing.includes(k), `${c.name}: ${k} not reported (${missing.join(', ')})`);
    for (const k of Object.keys(c.env)) assert.ok(r.findings.some((f) => f.key === k), `${c.name}: ${k} neither translated nor reported`);

    const loaded = await loadConfigText(r.yaml, '/migrated/sluice.yaml', c.env, { readText: async () => PEM, hostname: 'box' });
    assert.ok(loaded.ok, `${where}\n${loaded.ok ? '' : JSON.stringify(loaded.errors, null, 1)}`);
    if (c.selectionDiffers) continue;

    const doc = parse(r.yaml) as { routes: { name: string; destination: { type: string; url?: string } }[] };
    const destOf = new Map(doc.routes.map((rt) => [rt.name, rt.destination.type === 'mezmo' ? 'mezmo' : `${rt.destination.type} ${expandRefs(rt.destination.url!, c.env)}`]));
    const oracle = oracleRoutes(c.uris, c.env);
    for (const s of SAMPLES) {
      const e = explainContainer(loaded.config, s);
      const got: string[] = [];
      if (e.selection.collect) {
        for (const v of e.verdicts) {
          if (v.failure !== null) continue;
          if (v.stdout) got.push(`${destOf.get(v.route)}|stdout`);
          if (v.stderr) got.push(`${destOf.get(v.route)}|stderr`);
        }
      }
      assert.deepEqual(got.sort(), logspoutDelivers(oracle, c.env, s), `${c.name}: container ${s.name}\n${r.yaml}`);
    }
  }
});

test('the oracle agrees with Go path.Match on the cases its semantics hinge on', async () => {
  const { pathMatch } = await import('./oracle.js');
  assert.equal(pathMatch('*', ''), true);
  assert.equal(pathMatch('*', 'a/b'), false);
  assert.equal(pathMatch('prod*', 'prod/eu'), false);
  assert.equal(pathMatch('[ab]pp-*', 'bpp-2'), true);
  assert.equal(pathMatch('[^ab]pp-*', 'cpp-9'), true);
  assert.equal(pathMatch('[web', 'web'), null);
  assert.equal(pathMatch('a\\*', 'a*'), true);
});
