import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ApiHost } from '../../src/api/host.js';
import { silentLogger } from '../../src/telemetry/logger.js';
import { Secret } from '../../src/util/secret.js';
import { FakeAgent, loadYaml } from './fake-agent.js';

const api = (listen: string, token: string | null = null) => ({ listen, token: token === null ? null : new Secret(token), allowInsecureListen: false });

test('ApiHost: starts, keeps an unchanged server, restarts on a new token, keeps the old one when the new address fails, stops on null', async () => {
  const agent = new FakeAgent(await loadYaml('version: 1\nstate_dir: null\nroutes: [{ name: a, destination: { type: console } }]\n'));
  const host = new ApiHost({ agent, metrics: agent.metrics, logger: silentLogger(), version: '1' });
  await host.apply(api('127.0.0.1:0'));
  const first = host.server!;
  const url = () => `http://127.0.0.1:${host.server!.address.port}`;
  assert.equal((await fetch(`${url()}/status`)).status, 200);

  await host.apply(api('127.0.0.1:0'));
  assert.equal(host.server, first, 'same config: same server');

  await host.apply(api('127.0.0.1:0', 'new-token-123456'));
  assert.notEqual(host.server, first);
  assert.equal((await fetch(`${url()}/status`)).status, 401);
  assert.equal((await fetch(`${url()}/status`, { headers: { authorization: 'Bearer new-token-123456' } })).status, 200);

  // A taken port: logged, and the previous API comes back.
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const taken = (blocker.address() as { port: number }).port;
  await host.apply(api(`127.0.0.1:${taken}`));
  assert.ok(host.server);
  assert.notEqual(host.server.address.port, taken);
  assert.equal((await fetch(`${url()}/status`, { headers: { authorization: 'Bearer new-token-123456' } })).status, 200);
  blocker.close();

  await host.apply(null);
  assert.equal(host.server, null);
  await host.close();
  await host.close();
});

test('ApiHost: the first start fails loudly (the CLI exits), e.g. a public address without a token', async () => {
  const agent = new FakeAgent(await loadYaml('version: 1\nstate_dir: null\nroutes: [{ name: a, destination: { type: console } }]\n'));
  const host = new ApiHost({ agent, metrics: agent.metrics, logger: silentLogger(), version: '1' });
  await assert.rejects(host.apply(api('0.0.0.0:0')), /without api\.token/);
  await host.close();
});
