/**
 * The real Docker engine for tests: the private dockerd that scripts/test-env.sh starts
 * (SLUICE_TEST_DOCKER_HOST). Tests may create and remove containers through it; sluice itself never
 * calls a mutating endpoint. Every container made here carries the label `sluice.test=<run id>` and
 * is removed by `cleanup()`.
 */
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';

export const DOCKER_HOST = process.env.SLUICE_TEST_DOCKER_HOST ?? 'unix:///tmp/sluice-test-env/docker.sock';
/** The private Podman API service (scripts/test-podman.sh), brought up with the engine by test-env.sh. */
export const PODMAN_HOST = process.env.SLUICE_TEST_PODMAN_HOST ?? 'unix:///tmp/sluice-podman/podman.sock';
/** Podman tests run unless told there is none (SLUICE_TEST_NO_PODMAN=1, which test-env.sh also honours). */
export const hasPodman = process.env.SLUICE_TEST_NO_PODMAN !== '1';
/**
 * What a Podman container needs to start in this sandbox (reference/ecosystem.md §9): no network, no
 * IPC namespace (other modes mount a shm tmpfs on the host), and ulimits Podman would otherwise copy
 * from the host beyond what the runtime may set.
 */
export const PODMAN_HOST_CONFIG = {
  NetworkMode: 'none',
  IpcMode: 'none',
  Ulimits: [
    { Name: 'nofile', Soft: 20000, Hard: 20000 },
    { Name: 'nproc', Soft: 4096, Hard: 4096 },
  ],
} as const;
export const IMAGE = process.env.SLUICE_TEST_IMAGE ?? 'sluice-test-busybox:latest';
/** Tests that need the engine run unless explicitly told there is none: a missing engine fails them loudly. */
export const hasDocker = process.env.SLUICE_TEST_NO_DOCKER !== '1';

export function dockerClient(host = DOCKER_HOST): Docker {
  const u = new URL(host);
  return new Docker({ socketPath: u.pathname });
}

export interface RunOpts {
  /** Shell script run by busybox sh -c. */
  script: string;
  name?: string;
  labels?: Record<string, string>;
  env?: string[];
  tty?: boolean;
  /** Created but not started when false. */
  start?: boolean;
  logDriver?: string;
}

export class TestDocker {
  readonly docker: Docker;
  readonly runId = randomBytes(4).toString('hex');
  readonly created: string[] = [];
  readonly #hostConfig: Record<string, unknown>;

  /** `host`: the engine (default the private dockerd); `hostConfig`: added to every container's HostConfig. */
  constructor(host = DOCKER_HOST, hostConfig: Record<string, unknown> = { NetworkMode: 'none' }) {
    this.docker = dockerClient(host);
    this.#hostConfig = hostConfig;
  }

  /** A container name unique to this test run. */
  name(base: string): string {
    return `${base}-${this.runId}`;
  }

  async run(o: RunOpts): Promise<string> {
    const c = await this.docker.createContainer({
      Image: IMAGE,
      name: o.name,
      Cmd: ['/bin/sh', '-c', o.script],
      Tty: o.tty ?? false,
      Env: o.env,
      Labels: { 'sluice.test': this.runId, ...(o.labels ?? {}) },
      HostConfig: { ...this.#hostConfig, LogConfig: { Type: o.logDriver ?? 'json-file', Config: {} } },
    });
    this.created.push(c.id);
    if (o.start !== false) await c.start();
    return c.id;
  }

  async wait(id: string): Promise<void> {
    await this.docker.getContainer(id).wait();
  }

  async remove(id: string): Promise<void> {
    await this.docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.created.map((id) => this.remove(id)));
    this.created.length = 0;
  }
}

/** Polls `cond` every 20 ms until it is true or `ms` pass; returns whether it became true. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}
