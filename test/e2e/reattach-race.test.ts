/**
 * A follow stream ends while the engine cannot answer (a daemon restart), and before the inspect
 * asked about that end is answered, a re-list has attached a new stream to the same container. The
 * late answer belongs to a tap that is gone: it must leave the next steps to the new stream's own end.
 * Before, it used up the stopped container's one catch-up read (the `follow=0` read that picks up the
 * last lines an engine can leave out when it closes a follow stream early), and once in CI an agent
 * delivered 499 of 500 lines after a daemon restart.
 *
 * The real engine, behind the socket proxy, which holds the two calls whose order decides it.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { TestDocker, DOCKER_HOST, waitFor } from '../helpers/docker.js';
import { labelledAgentConfig, SluiceProcess, writeConfig } from '../helpers/sluice-process.js';
import { SocketProxy } from '../helpers/socket-proxy.js';

const td = new TestDocker();
let proxy: SocketProxy | undefined;
after(async () => {
  await td.cleanup();
  await proxy?.close();
});

test('an inspect answered after a re-list re-attached leaves the stopped container its catch-up read, and every line arrives', async () => {
  proxy = await SocketProxy.start(DOCKER_HOST);
  const name = td.name('race');
  const id = await td.run({
    name,
    script: 'i=0; while [ $i -lt 10 ]; do i=$((i+1)); echo r-$i; done; while [ ! -f /tmp/go ]; do usleep 20000; done; while [ $i -lt 20 ]; do i=$((i+1)); echo r-$i; done',
  });
  const config = (containers: string) => labelledAgentConfig(td.runId, proxy!.host, { containers: `backfill: all${containers}`, flushMs: 50 });
  const file = writeConfig(config(''));
  const sluice = new SluiceProcess(file);
  const lines = () => sluice.records().filter((r) => r.container.name === name).map((r) => r.line as string);
  const logsCalls = () => proxy!.forwarded.filter((c) => c.path.split('?')[0]!.endsWith(`/containers/${id}/logs`));
  try {
    assert.ok(await waitFor(() => lines().length >= 10, 20_000), sluice.stderr.slice(-1500));
    // The next inspect of this container (the cut stream's) and the next log stream (the re-list's)
    // wait until released.
    let releaseInspect!: () => void;
    let releaseLogs!: () => void;
    const inspectHeld = new Promise<void>((r) => (releaseInspect = r));
    const logsHeld = new Promise<void>((r) => (releaseLogs = r));
    let inspectSeen = false;
    let logsSeen = false;
    proxy.hold = (call) => {
      const path = call.path.split('?')[0]!;
      if (!inspectSeen && path.endsWith(`/containers/${id}/json`)) return (inspectSeen = true), inspectHeld;
      if (inspectSeen && !logsSeen && path.endsWith(`/containers/${id}/logs`)) return (logsSeen = true), logsHeld;
      return undefined;
    };
    // Only this container's stream: other test files' containers on the same engine are followed too.
    assert.equal(proxy.cutLogs(id), 1, 'one follow stream open');
    assert.ok(await waitFor(() => inspectSeen, 10_000), 'the agent asked about the cut stream');
    // The container writes its last lines and exits while that question is held.
    const exec = await td.docker.getContainer(id).exec({ Cmd: ['touch', '/tmp/go'] });
    await exec.start({ Detach: true });
    const stopped = async () => !(await td.docker.getContainer(id).inspect()).State.Running;
    assert.ok(await waitFor(stopped, 15_000), 'the container exits once told to go on');
    // A change to `containers` re-lists: the container is attached again, its new stream held.
    writeFileSync(file, config(', exclude: { name: ["nothing-matches-*"] }'));
    assert.ok(await waitFor(() => logsSeen, 20_000), `no re-attach after the re-list\n${sluice.stderr.slice(-1500)}`);
    // Now the old question is answered (the container has stopped), then the new stream goes on.
    releaseInspect();
    await new Promise((r) => setTimeout(r, 1000));
    releaseLogs();
    assert.ok(await waitFor(() => lines().length >= 20, 20_000), `got ${lines().length} of 20\n${sluice.stderr.slice(-1500)}`);
    // The new stream's end still gets the catch-up read of a stopped container.
    assert.ok(
      await waitFor(() => logsCalls().some((c) => /[?&]follow=0(&|$)/.test(c.path)), 10_000),
      `no catch-up read after the new stream ended: ${logsCalls().map((c) => c.path).join('\n')}`,
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(lines(), Array.from({ length: 20 }, (_, i) => `r-${i + 1}`));
  } finally {
    assert.equal(await sluice.stop(), 0, sluice.stderr.slice(-2000));
  }
});
