/** When `sluice run` takes a logspout setup instead of a config file (the drop-in start). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropIn } from '../../src/cli/run.js';
import { REPO } from '../helpers/sluice-process.js';

test('drop-in: a route argument always; ROUTE_URIS/LOGDNA_KEY only without a config file of the user\'s own; never with --config', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-dropin-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const none = join(dir, 'absent.yaml');
  const own = join(dir, 'own.yaml');
  writeFileSync(own, 'version: 1\nroutes: []\n');
  const embedded = join(dir, 'embedded.yaml');
  copyFileSync(join(REPO, 'config', 'sluice.yaml'), embedded);
  const uris = { ROUTE_URIS: 'syslog://rsyslog:514' };

  assert.equal(dropIn(undefined, [], {}, none), null);
  assert.match(dropIn(undefined, [], uris, none)!.yaml, /url: udp:\/\/rsyslog:514/);
  assert.match(dropIn(undefined, [], { LOGDNA_KEY: 'k' }, none)!.yaml, /type: mezmo/);
  assert.equal(dropIn(undefined, [], uris, own), null, 'a file of the user\'s own at the default path wins over the variables');
  assert.notEqual(dropIn(undefined, [], uris, embedded), null, 'the embedded default gives way');
  assert.match(dropIn(undefined, ['raw+tcp://collector:5000'], uris, own)!.yaml, /url: tcp:\/\/collector:5000/, 'the argument wins, as in logspout');
  assert.equal(dropIn('/etc/x.yaml', ['raw+tcp://collector:5000'], uris, none), null);
  assert.deepEqual(dropIn(undefined, [], { ROUTE_URIS: 'syslog://r:514', ROUTESPATH: '/mnt/routes' }, none)!.untranslated, ['ROUTESPATH']);
});
