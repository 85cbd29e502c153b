/**
 * Issue 11, Kubernetes: `kubectl kustomize deploy/kubernetes` renders; every object validates offline
 * against the Kubernetes API schemas (kubernetes-models); the ConfigMap's config (and
 * config/examples/kubernetes.yaml) loads with the secrets the DaemonSet mounts; and the points a
 * first deploy trips on hold: no `$(...)` in probes, a state hostPath the pod's user can write, the
 * socket's directory mounted (never the socket file, never subPath), the namespace exists.
 * The image test (test/with-image/image.test.ts) runs the init container's command for real.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadConfigText, formatConfigError } from '../../src/config/load.js';
import { REPO } from '../helpers/sluice-process.js';
import { run, VERSION } from '../helpers/image.js';

type Obj = Record<string, any>;

async function render(): Promise<Obj[]> {
  const r = await run('kubectl', ['kustomize', join(REPO, 'deploy', 'kubernetes')], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl kustomize failed:\n${r.stderr}`);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj);
}

const objects = render();
const daemonSet = async () => (await objects).find((o) => o.kind === 'DaemonSet')!;

/** The config loaded as the pod sees it: `${file:}` paths read from the Secret mounted in the DaemonSet. */
async function loadAsPod(text: string, what: string): Promise<void> {
  const objs = await objects;
  const pod = (await daemonSet()).spec.template.spec;
  const c = pod.containers[0];
  const secretMounts = c.volumeMounts
    .map((m: Obj) => ({ m, v: pod.volumes.find((v: Obj) => v.name === m.name) }))
    .filter((x: Obj) => x.v?.secret)
    .map((x: Obj) => ({ path: x.m.mountPath as string, secret: objs.find((o) => o.kind === 'Secret' && o.metadata.name === x.v.secret.secretName)! }));
  const readText = async (p: string): Promise<string> => {
    for (const { path, secret } of secretMounts) {
      if (p.startsWith(path + '/')) {
        const v = secret.stringData?.[p.slice(path.length + 1)];
        if (v !== undefined) return v;
      }
    }
    throw Object.assign(new Error(`ENOENT: ${p} is not a key of a Secret the DaemonSet mounts`), { code: 'ENOENT' });
  };
  const r = await loadConfigText(text, what, { NODE_NAME: 'node-1' }, { readText });
  assert.ok(r.ok, r.ok ? '' : r.errors.map(formatConfigError).join('\n'));
}

test('kubectl kustomize renders the base; every object validates against the Kubernetes API schemas', async () => {
  const objs = await objects;
  assert.deepEqual(objs.map((o) => o.kind).sort(), ['ConfigMap', 'DaemonSet', 'Namespace', 'PriorityClass', 'Secret', 'ServiceAccount']);
  for (const o of objs) {
    const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : [null, o.apiVersion];
    const models = (await import(`kubernetes-models/${group ? `${group}/` : ''}${version}`)) as Record<string, new (o: Obj) => { validate(): void }>;
    const Model = models[o.kind];
    assert.ok(Model, `no model for ${o.apiVersion} ${o.kind}`);
    assert.doesNotThrow(() => new Model(o).validate(), `${o.kind}/${o.metadata.name}`);
  }
  // The check is real: a wrong type fails it.
  const { DaemonSet } = await import('kubernetes-models/apps/v1');
  const broken = structuredClone(await daemonSet());
  broken.spec.updateStrategy.rollingUpdate.maxUnavailable = true;
  assert.throws(() => new DaemonSet(broken).validate(), /maxUnavailable/);
});

test('the namespace every object lives in exists; priority class of its own; no API token mounted', async () => {
  const objs = await objects;
  const ns = objs.find((o) => o.kind === 'Namespace')!.metadata.name;
  for (const o of objs) if (!['Namespace', 'PriorityClass'].includes(o.kind)) assert.equal(o.metadata.namespace, ns, `${o.kind}/${o.metadata.name}`);
  const pod = (await daemonSet()).spec.template.spec;
  const pc = objs.find((o) => o.kind === 'PriorityClass')!;
  assert.equal(pod.priorityClassName, pc.metadata.name);
  assert.notEqual(pod.priorityClassName, 'system-node-critical');
  const sa = objs.find((o) => o.kind === 'ServiceAccount')!;
  assert.equal(pod.serviceAccountName, sa.metadata.name);
  assert.equal(sa.automountServiceAccountToken, false);
  assert.equal(pod.automountServiceAccountToken, false);
});

test('the ConfigMap config and config/examples/kubernetes.yaml load with the secrets the DaemonSet mounts', async () => {
  const cm = (await objects).find((o) => o.kind === 'ConfigMap')!;
  await loadAsPod(cm.data['sluice.yaml'], 'configmap:sluice.yaml');
  await loadAsPod(readFileSync(join(REPO, 'config', 'examples', 'kubernetes.yaml'), 'utf8'), 'config/examples/kubernetes.yaml');
  // and a path the pod does not mount is refused (the check can fail)
  await assert.rejects(loadAsPod('version: 1\nroutes: [{ name: m, destination: { type: mezmo, key: "${file:/var/run/secrets/sluice/mezmo_key}" } }]\n', 'bad'));
});

test('the DaemonSet: probes without $(...) or headers, socket directory mounted, no subPath, non-root, rolling by percentage', async () => {
  const ds = await daemonSet();
  const pod = ds.spec.template.spec;
  const c = pod.containers.find((x: Obj) => x.name === 'sluice');
  assert.equal(c.livenessProbe.httpGet.path, '/healthz');
  assert.equal(c.readinessProbe.httpGet.path, '/readyz');
  for (const p of [c.livenessProbe, c.readinessProbe]) {
    assert.ok(!JSON.stringify(p).includes('$('), 'the kubelet does not expand $(VAR) in probes');
    assert.equal(p.httpGet.httpHeaders, undefined);
  }
  for (const x of [...pod.containers, ...(pod.initContainers ?? [])]) for (const m of x.volumeMounts ?? []) assert.equal(m.subPath, undefined, `${x.name}: ${m.name} uses subPath`);
  assert.equal(c.volumeMounts.find((m: Obj) => m.name === 'config').mountPath, '/etc/sluice');

  // The socket: its directory, read-only, and DOCKER_HOST points at the socket inside it.
  for (const v of pod.volumes) assert.notEqual(v.hostPath?.type, 'Socket', `${v.name} mounts a socket file`);
  const dockerHost = c.env.find((e: Obj) => e.name === 'DOCKER_HOST').value as string;
  const sockPath = new URL(dockerHost).pathname;
  const sockMount = c.volumeMounts.find((m: Obj) => sockPath.startsWith(m.mountPath + '/'));
  assert.ok(sockMount, `no mount holds ${sockPath}`);
  const sockVol = pod.volumes.find((v: Obj) => v.name === sockMount.name);
  assert.equal(sockVol.hostPath.type, 'Directory');
  assert.equal(sockVol.hostPath.path + sockPath.slice(sockMount.mountPath.length), '/var/run/docker.sock');
  assert.equal(sockMount.readOnly, true);

  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.ok(pod.securityContext.runAsUser > 0);
  assert.match(String(ds.spec.updateStrategy.rollingUpdate.maxUnavailable), /^\d+%$/);
  assert.ok(pod.terminationGracePeriodSeconds > 10, 'more than the default shutdown_timeout (10s)');
  assert.ok(c.resources.requests.memory && c.resources.requests.cpu && c.resources.limits.memory);
  assert.ok(pod.nodeSelector && Object.keys(pod.nodeSelector).length > 0, 'a nodeSelector to extend for Docker nodes');
  assert.deepEqual(c.env.find((e: Obj) => e.name === 'LOGSPOUT'), { name: 'LOGSPOUT', value: 'ignore' }, 'self exclusion that works under cri-dockerd');
  for (const x of [...pod.containers, ...pod.initContainers]) {
    assert.equal(x.image, `sluice:${VERSION}`, 'the version package.json names');
    assert.equal(x.imagePullPolicy, 'IfNotPresent');
  }
});

test('the state hostPath is writable by the pod user: an init container gives it to that uid with CAP_CHOWN only', async () => {
  const pod = (await daemonSet()).spec.template.spec;
  const c = pod.containers.find((x: Obj) => x.name === 'sluice');
  const stateMount = c.volumeMounts.find((m: Obj) => m.mountPath === '/var/lib/sluice');
  const vol = pod.volumes.find((v: Obj) => v.name === stateMount.name);
  assert.equal(vol.hostPath.type, 'DirectoryOrCreate');
  const init = pod.initContainers.find((x: Obj) => x.volumeMounts.some((m: Obj) => m.name === stateMount.name && m.mountPath === '/var/lib/sluice'));
  assert.ok(init, 'an init container mounts the state volume');
  assert.equal(init.securityContext.runAsUser, 0);
  assert.deepEqual(init.securityContext.capabilities, { drop: ['ALL'], add: ['CHOWN'] });
  const script = init.command.join(' ');
  assert.ok(script.includes(`${pod.securityContext.runAsUser}, ${pod.securityContext.runAsGroup}`), `chowns to the pod's user: ${script}`);
});

// --- deploy/kubernetes-containerd: the overlay for containerd / CRI-O nodes (issue 12) ---

async function renderContainerd(): Promise<Obj[]> {
  const r = await run('kubectl', ['kustomize', join(REPO, 'deploy', 'kubernetes-containerd')], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `kubectl kustomize failed:\n${r.stderr}`);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj);
}

test('containerd overlay: renders, validates, reads /var/log/pods read-only, no Docker socket, RBAC get/list/watch pods only', async () => {
  const objs = await renderContainerd();
  assert.deepEqual(objs.map((o) => o.kind).sort(), ['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'DaemonSet', 'Namespace', 'PriorityClass', 'Secret', 'ServiceAccount']);
  for (const o of objs) {
    const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : [null, o.apiVersion];
    const models = (await import(`kubernetes-models/${group ? `${group}/` : ''}${version}`)) as Record<string, new (o: Obj) => { validate(): void }>;
    assert.doesNotThrow(() => new models[o.kind]!(o).validate(), `${o.kind}/${o.metadata.name}`);
  }
  const ds = objs.find((o) => o.kind === 'DaemonSet')!;
  const pod = ds.spec.template.spec;
  const c = pod.containers.find((x: Obj) => x.name === 'sluice');
  // /var/log/pods, read-only; nothing of Docker's.
  const logs = c.volumeMounts.find((m: Obj) => m.mountPath === '/var/log/pods');
  assert.equal(logs.readOnly, true);
  assert.deepEqual(pod.volumes.find((v: Obj) => v.name === logs.name).hostPath, { path: '/var/log/pods', type: 'Directory' });
  assert.ok(!JSON.stringify(pod).includes('docker'), 'no Docker socket, no DOCKER_HOST');
  for (const m of c.volumeMounts) if (m.mountPath !== '/var/lib/sluice') assert.equal(m.readOnly, true, `${m.mountPath} is read-only: sluice writes only its state_dir`);
  assert.equal(c.securityContext.readOnlyRootFilesystem, true);
  assert.deepEqual(c.securityContext.capabilities, { drop: ['ALL'] });
  // State hostPath, owned by the user sluice runs as.
  assert.equal(pod.volumes.find((v: Obj) => v.name === 'state').hostPath.path, '/var/lib/sluice');
  const init = pod.initContainers.find((x: Obj) => x.name === 'state-owner');
  assert.ok(init.command.join(' ').includes(`chownSync(d, ${pod.securityContext.runAsUser}, ${pod.securityContext.runAsGroup})`));
  // NODE_NAME from the downward API; the token mounted for the pod watch.
  assert.deepEqual(c.env.find((e: Obj) => e.name === 'NODE_NAME').valueFrom, { fieldRef: { fieldPath: 'spec.nodeName' } });
  assert.equal(pod.automountServiceAccountToken, true);
  const sa = objs.find((o) => o.kind === 'ServiceAccount')!;
  assert.equal(sa.automountServiceAccountToken, true);
  // RBAC: exactly get/list/watch on pods, bound to that service account.
  const role = objs.find((o) => o.kind === 'ClusterRole')!;
  assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
  const binding = objs.find((o) => o.kind === 'ClusterRoleBinding')!;
  assert.equal(binding.roleRef.name, role.metadata.name);
  assert.deepEqual(binding.subjects, [{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace }]);
  assert.equal(ds.spec.template.metadata.annotations['sluice.enable'], 'false');
});

test('containerd overlay: its ConfigMap config loads as the pod sees it (source kubernetes, api auto, node from NODE_NAME)', async () => {
  const objs = await renderContainerd();
  const cm = objs.find((o) => o.kind === 'ConfigMap')!;
  const secret = objs.find((o) => o.kind === 'Secret')!;
  const readText = async (p: string) => {
    const v = secret.stringData?.[p.replace('/etc/sluice-secrets/', '')];
    if (v === undefined) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
    return v as string;
  };
  const env = { NODE_NAME: 'node-1', KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
  const r = await loadConfigText(cm.data['sluice.yaml'], 'configmap:sluice.yaml', env, { readText });
  assert.ok(r.ok, r.ok ? '' : r.errors.map(formatConfigError).join('\n'));
  assert.equal(r.config.source, 'kubernetes');
  assert.deepEqual(r.config.kubernetes, {
    logDir: '/var/log/pods',
    nodeName: 'node-1',
    maxLineBytes: 256 * 1024,
    api: { url: 'https://10.96.0.1:443', tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token', caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt' },
  });
});
