/**
 * A loopback Kubernetes API server for pods, speaking the real list + watch protocol (there is no
 * kube-apiserver on these machines). Objects have the shape kube-apiserver 1.30 sends (recorded:
 * PodList with metadata.resourceVersion; watch events `{"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":…}`
 * one JSON per line over a chunked 200 response; a BOOKMARK's object is a Pod with only
 * metadata.resourceVersion; a too old resourceVersion gives an ERROR event whose object is a
 * Status with code 410, reason "Expired").
 *
 * Faults on demand: `dropWatches()` cuts every open watch; `compact()` forgets history so the next
 * watch from an older resourceVersion gets 410 (as an ERROR event, or as the HTTP status with
 * `goneAsStatus`); `bookmark()` sends a BOOKMARK to open watches.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface FakePod {
  name: string;
  namespace: string;
  uid?: string;
  nodeName: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  containers?: { name: string; image: string }[];
}

type Event = { rv: number; type: 'ADDED' | 'MODIFIED' | 'DELETED'; pod: Record<string, unknown> };

export class FakeKubeApi {
  readonly #pods = new Map<string, Record<string, unknown>>();
  #rv = 1000;
  #history: Event[] = [];
  #oldest = 0;
  readonly #watches = new Set<{ res: ServerResponse; node: string }>();
  #server: Server | undefined;
  /** Every request: path with query, and its Authorization header. */
  readonly requests: { path: string; auth: string | undefined }[] = [];
  goneAsStatus = false;
  url = '';

  async start(port = 0): Promise<void> {
    this.#server = createServer((req, res) => this.#handle(req, res));
    await new Promise<void>((r) => this.#server!.listen(port, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async close(): Promise<void> {
    this.dropWatches();
    this.#server?.closeAllConnections();
    await new Promise<void>((r) => (this.#server ? this.#server.close(() => r()) : r()));
  }

  upsert(p: FakePod): string {
    const uid = p.uid ?? randomUUID();
    const existed = this.#pods.has(uid);
    const rv = ++this.#rv;
    const obj = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: {
        name: p.name,
        namespace: p.namespace,
        uid,
        resourceVersion: String(rv),
        creationTimestamp: '2026-12-02T05:00:00Z',
        labels: p.labels ?? {},
        annotations: p.annotations ?? {},
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${p.name}-rs`, uid: randomUUID(), controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        nodeName: p.nodeName,
        containers: (p.containers ?? [{ name: 'c', image: 'busybox:1.36' }]).map((c) => ({ ...c, resources: {}, terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'IfNotPresent' })),
        restartPolicy: 'Always',
        serviceAccountName: 'default',
      },
      status: { phase: 'Running', podIP: '10.244.0.12', startTime: '2026-12-02T05:00:01Z' },
    };
    this.#pods.set(uid, obj);
    this.#publish({ rv, type: existed ? 'MODIFIED' : 'ADDED', pod: obj });
    return uid;
  }

  remove(uid: string): void {
    const obj = this.#pods.get(uid);
    if (!obj) return;
    this.#pods.delete(uid);
    const rv = ++this.#rv;
    this.#publish({ rv, type: 'DELETED', pod: { ...obj, metadata: { ...(obj.metadata as object), resourceVersion: String(rv) } } });
  }

  /** Forget the history: a watch from any resourceVersion before now gets 410 Gone. */
  compact(): void {
    this.#oldest = this.#rv;
    this.#history = [];
  }

  /** Changes the store without telling open watches (they are about to be dropped, or expired). */
  upsertQuietly(p: FakePod): string {
    const w = [...this.#watches];
    this.#watches.clear();
    const uid = this.upsert(p);
    for (const x of w) this.#watches.add(x);
    return uid;
  }

  bookmark(): void {
    this.#rv++;
    for (const w of this.#watches) this.#send(w.res, { type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(this.#rv), annotations: { 'k8s.io/initial-events-end': 'true' } } } });
  }

  dropWatches(): void {
    for (const w of this.#watches) w.res.socket?.destroy();
    this.#watches.clear();
  }

  get openWatches(): number {
    return this.#watches.size;
  }

  #publish(e: Event): void {
    this.#history.push(e);
    for (const w of this.#watches) if (this.#nodeOf(e.pod) === w.node) this.#send(w.res, { type: e.type, object: e.pod });
  }

  #nodeOf(pod: Record<string, unknown>): string {
    return ((pod.spec as { nodeName?: string }) ?? {}).nodeName ?? '';
  }

  #send(res: ServerResponse, ev: unknown): void {
    res.write(`${JSON.stringify(ev)}\n`);
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push({ path: req.url ?? '', auth: req.headers.authorization });
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname !== '/api/v1/pods') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound' }));
      return;
    }
    const node = /^spec\.nodeName=(.*)$/.exec(u.searchParams.get('fieldSelector') ?? '')?.[1] ?? '';
    if (u.searchParams.get('watch') !== '1' && u.searchParams.get('watch') !== 'true') {
      const items = [...this.#pods.values()].filter((p) => this.#nodeOf(p) === node);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(this.#rv) }, items }));
      return;
    }
    const from = Number(u.searchParams.get('resourceVersion') ?? '0');
    if (from < this.#oldest) {
      const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${from} (${this.#oldest})`, reason: 'Expired', code: 410 };
      if (this.goneAsStatus) {
        res.writeHead(410, { 'content-type': 'application/json' }).end(JSON.stringify(status));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      this.#send(res, { type: 'ERROR', object: status });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    for (const e of this.#history) if (e.rv > from && this.#nodeOf(e.pod) === node) this.#send(res, { type: e.type, object: e.pod });
    const w = { res, node };
    this.#watches.add(w);
    const secs = Number(u.searchParams.get('timeoutSeconds') ?? '0');
    const t = secs > 0 ? setTimeout(() => res.end(), secs * 1000) : undefined;
    res.on('close', () => {
      if (t) clearTimeout(t);
      this.#watches.delete(w);
    });
  }
}
