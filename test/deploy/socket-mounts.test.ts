/**
 * Issue 11: every example mounts the engine socket's DIRECTORY, never the socket file alone. A
 * single-file bind mount keeps pointing at the old, deleted socket after the engine (or
 * podman.socket) restarts: sluice, or the socket proxy in front of it, then reads nothing while
 * /healthz stays green. For each Compose/Stack service, Podman unit and the ECS task: no bind mount
 * of a `*.sock` path, and the socket the container uses (DOCKER_HOST, the image's default, or the
 * proxy's SOCKET_PATH) lies inside a mounted host directory that holds the host's socket. The docs'
 * command lines are searched for a `something.sock:/target` mount too. (The Kubernetes DaemonSet is
 * checked in kubernetes.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { REPO } from '../helpers/sluice-process.js';

interface Mount {
  source: string;
  target: string;
}
interface Example {
  what: string;
  mounts: Mount[];
  /** The socket path the container connects to, inside the container. */
  socket: string;
}

/** The image's DOCKER_HOST (Dockerfile ENV): where a container that sets none looks. */
const IMAGE_SOCKET = new URL(/DOCKER_HOST=(\S+)/.exec(readFileSync(join(REPO, 'Dockerfile'), 'utf8'))![1]!).pathname;
/** Tecnativa's docker-socket-proxy reads SOCKET_PATH, default /var/run/docker.sock. */
const PROXY_DEFAULT_SOCKET = '/var/run/docker.sock';

/** Compose's `${X:-default}` and `${X}` with nothing set: the defaults a user without overrides gets. */
const interpolate = (s: string) => s.replace(/\$\{[A-Z_]+:?-([^}]*)\}/g, '$1').replace(/\$\{[A-Z_]+\}/g, '');

function composeExamples(file: string): Example[] {
  const doc = parse(readFileSync(join(REPO, 'deploy', file), 'utf8')) as { services: Record<string, any> };
  return Object.entries(doc.services).map(([name, svc]) => {
    const mounts: Mount[] = [];
    for (const v of svc.volumes ?? []) {
      if (typeof v === 'string') {
        const [source, target] = interpolate(v).split(':');
        if (source!.startsWith('/') || source!.startsWith('.')) mounts.push({ source: source!, target: target! });
      } else if (v.type === 'bind') mounts.push({ source: interpolate(v.source), target: v.target });
    }
    const env: Record<string, string> = Array.isArray(svc.environment)
      ? Object.fromEntries(svc.environment.map((e: string) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]))
      : (svc.environment ?? {});
    const isProxy = String(svc.image).includes('socket-proxy');
    const dockerHost = env.DOCKER_HOST as string | undefined;
    const socket = isProxy ? (env.SOCKET_PATH ?? PROXY_DEFAULT_SOCKET) : dockerHost === undefined ? IMAGE_SOCKET : dockerHost.startsWith('unix://') ? new URL(dockerHost).pathname : '';
    return { what: `${file} ${name}`, mounts, socket };
  });
}

function podmanExample(file: string): Example {
  const lines = readFileSync(join(REPO, 'deploy', file), 'utf8').split('\n').map((l) => l.trim());
  const values = (key: string) => lines.filter((l) => l.startsWith(`${key}=`)).map((l) => l.slice(key.length + 1));
  const mounts = values('Volume')
    .map((v) => v.split(':'))
    .filter(([source]) => source!.startsWith('/') || source!.startsWith('%'))
    .map(([source, target]) => ({ source: source!.replace(/^%t/, '/run/user/1000'), target: target! }));
  const dockerHost = values('Environment').find((e) => e.startsWith('DOCKER_HOST='))?.slice('DOCKER_HOST='.length);
  return { what: file, mounts, socket: dockerHost ? new URL(dockerHost).pathname : IMAGE_SOCKET };
}

function ecsExample(): Example {
  const td = JSON.parse(readFileSync(join(REPO, 'deploy', 'ecs', 'task-definition.json'), 'utf8'));
  const sources = Object.fromEntries(td.volumes.map((v: any) => [v.name, v.host?.sourcePath]));
  const c = td.containerDefinitions.find((x: any) => x.name === 'sluice');
  const dockerHost = c.environment.find((e: any) => e.name === 'DOCKER_HOST')?.value as string | undefined;
  return {
    what: 'ecs/task-definition.json sluice',
    mounts: c.mountPoints.map((m: any) => ({ source: sources[m.sourceVolume], target: m.containerPath })),
    socket: dockerHost ? new URL(dockerHost).pathname : IMAGE_SOCKET,
  };
}

/** The host socket each example is meant for. */
const HOST_SOCKETS = ['/var/run/docker.sock', '/run/podman/podman.sock', '/run/user/1000/podman/podman.sock'];

const examples: Example[] = [
  ...composeExamples('compose/docker-compose.yml'),
  ...composeExamples('socket-proxy/docker-compose.yml'),
  ...composeExamples('swarm/docker-stack.yml'),
  podmanExample('podman/sluice.container'),
  podmanExample('podman/sluice-rootless.container'),
  ecsExample(),
];

test('every example mounts the socket directory, and the socket the container uses lies in it', () => {
  let checked = 0;
  for (const ex of examples) {
    for (const m of ex.mounts) assert.ok(!/\.sock$/.test(m.source) && !/\.sock$/.test(m.target), `${ex.what}: ${m.source}:${m.target} mounts a socket file`);
    if (ex.socket === '') continue; // tcp:// (sluice behind the proxy): no socket
    const holder = ex.mounts.find((m) => ex.socket.startsWith(m.target.replace(/\/$/, '') + '/'));
    assert.ok(holder, `${ex.what}: no mounted directory holds ${ex.socket}`);
    const onHost = posix.join(holder.source, ex.socket.slice(holder.target.replace(/\/$/, '').length));
    assert.ok(HOST_SOCKETS.includes(onHost), `${ex.what}: ${ex.socket} is ${onHost} on the host`);
    checked++;
  }
  // compose sluice, the proxy, swarm sluice, two Podman units, ECS.
  assert.equal(checked, 6);
});

test('no doc or example shows a single-file socket mount (`….sock:/…`)', () => {
  const files = ['README.md', ...readdirSync(join(REPO, 'docs')).map((f) => `docs/${f}`)];
  const walk = (dir: string): string[] =>
    readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
  files.push(...walk('deploy'), ...walk('config'), 'Dockerfile');
  for (const f of files) {
    const text = readFileSync(join(REPO, f), 'utf8');
    const hit = /[^\s"'=]*\.sock:\/[^\s"']*/.exec(text);
    assert.equal(hit?.[0], undefined, `${f}: a single-file socket mount`);
  }
});

test('deploy/socket-proxy: the proxy is reachable only on an internal network; sluice also joins one with a way out (to reach its destinations)', () => {
  const doc = parse(readFileSync(join(REPO, 'deploy', 'socket-proxy', 'docker-compose.yml'), 'utf8')) as { services: Record<string, any>; networks?: Record<string, any> };
  const internal = (n: string) => doc.networks?.[n]?.internal === true;
  const netsOf = (svc: any): string[] => (svc.networks === undefined ? ['default'] : Array.isArray(svc.networks) ? svc.networks : Object.keys(svc.networks));
  const proxy = Object.values(doc.services).find((s) => String(s.image).includes('socket-proxy'));
  const sluice = doc.services.sluice;
  assert.ok(proxy && sluice);
  assert.ok(netsOf(proxy).length > 0 && netsOf(proxy).every(internal), `the proxy's networks ${netsOf(proxy)} are internal only`);
  assert.ok(netsOf(sluice).some((n) => !internal(n)), `sluice is on ${netsOf(sluice)}: all internal, so no destination outside the host is reachable`);
  assert.ok(netsOf(sluice).some((n) => netsOf(proxy).includes(n)), 'sluice shares a network with the proxy');
  assert.match(sluice.environment.DOCKER_HOST, /^tcp:\/\/socket-proxy:2375$/);
});
