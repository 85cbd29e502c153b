/**
 * Issue 11, ECS: deploy/ecs/task-definition.json and service.json type-check against the ECS API's
 * input types (`RegisterTaskDefinitionCommandInput`, `CreateServiceCommandInput` from the AWS SDK, a
 * dev dependency only), with TypeScript's excess-property checks, so a misspelt key or a value
 * outside an enum fails; the service names the DAEMON strategy on EC2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { REPO } from '../helpers/sluice-process.js';

const ecs = (f: string) => JSON.parse(readFileSync(join(REPO, 'deploy', 'ecs', f), 'utf8')) as Record<string, any>;

/** TypeScript's errors for `const x: <type> = <json>` (an object literal: enums and excess keys are checked). */
function typeErrors(type: string, json: unknown): string[] {
  const dir = join(REPO, 'node_modules', '.cache', 'sluice-ecs-check');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `check-${process.pid}-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, `import type { ${type} } from '@aws-sdk/client-ecs';\nexport const x: ${type} = ${JSON.stringify(json, null, 1)};\n`);
  try {
    const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(file, { force: true });
  }
}

test('the task definition type-checks as RegisterTaskDefinitionCommandInput, and a wrong one does not', { timeout: 120_000 }, () => {
  const td = ecs('task-definition.json');
  assert.deepEqual(typeErrors('RegisterTaskDefinitionCommandInput', td), []);
  const typo = structuredClone(td);
  typo.containerDefinitions[1].healthcheck = typo.containerDefinitions[1].healthCheck;
  delete typo.containerDefinitions[1].healthCheck;
  assert.ok(typeErrors('RegisterTaskDefinitionCommandInput', typo).some((e) => /healthcheck/.test(e)), 'a misspelt key fails');
  const badMode = { ...td, networkMode: 'bridged' };
  assert.ok(typeErrors('RegisterTaskDefinitionCommandInput', badMode).length > 0, 'a value outside the enum fails');
});

test('the task definition: EC2, socket directory, state and config host volumes, uid:gid user, health check, stop timeout', () => {
  const td = ecs('task-definition.json');
  assert.deepEqual(td.requiresCompatibilities, ['EC2']);
  const vols = Object.fromEntries(td.volumes.map((v: any) => [v.name, v.host?.sourcePath]));
  const sluice = td.containerDefinitions.find((c: any) => c.name === 'sluice');
  const mount = (path: string) => sluice.mountPoints.find((m: any) => m.containerPath === path);
  assert.equal(vols[mount('/host/run').sourceVolume], '/var/run', 'the socket directory, not the socket');
  assert.equal(mount('/host/run').readOnly, true);
  assert.equal(vols[mount('/var/lib/sluice').sourceVolume], '/var/lib/sluice');
  assert.equal(vols[mount('/etc/sluice').sourceVolume], '/etc/sluice');
  assert.match(sluice.user, /^10001:\d+$/);
  assert.deepEqual(sluice.healthCheck.command.slice(0, 4), ['CMD', 'node', '/app/bin/sluice.js', 'health']);
  assert.ok(sluice.stopTimeout > 10);
  // the root-owned host path is handed to 10001 first
  const owner = td.containerDefinitions.find((c: any) => c.name === 'state-owner');
  assert.deepEqual(sluice.dependsOn, [{ containerName: 'state-owner', condition: 'SUCCESS' }]);
  assert.equal(owner.essential, false);
  assert.deepEqual(owner.linuxParameters.capabilities, { drop: ['ALL'], add: ['CHOWN'] });
  assert.ok(owner.command.join(' ').includes('chownSync(d, 10001, 10001)'));
});

test('the service: DAEMON on EC2, type-checked as CreateServiceCommandInput', { timeout: 120_000 }, () => {
  const svc = ecs('service.json');
  assert.equal(svc.schedulingStrategy, 'DAEMON');
  assert.equal(svc.launchType, 'EC2');
  assert.deepEqual(typeErrors('CreateServiceCommandInput', svc), []);
  assert.ok(typeErrors('CreateServiceCommandInput', { ...svc, schedulingStrategy: 'GLOBAL' }).length > 0);
});
