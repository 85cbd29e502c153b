import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFileMount } from '../../src/runtime/watch.js';

const MOUNTINFO = [
  '22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw',
  '310 22 8:1 /var/lib/docker/containers/abc/hostname /etc/hostname rw,relatime - ext4 /dev/sda1 rw',
  '311 22 8:1 /home/me/sluice.yaml /etc/sluice/sluice.yaml ro,relatime - ext4 /dev/sda1 rw',
  '312 22 8:1 /home/me/my\\040dir /etc/my\\040conf/a.yaml ro - ext4 /dev/sda1 rw',
  '313 22 0:50 / /etc/cm rw - tmpfs tmpfs rw',
].join('\n');
const read = async () => MOUNTINFO;

test('a single-file bind mount is recognised; a file inside a mounted directory is not', async () => {
  assert.equal(await isFileMount('/etc/sluice/sluice.yaml', read), true);
  assert.equal(await isFileMount('/etc/my conf/a.yaml', read), true, 'octal escapes decoded');
  assert.equal(await isFileMount('/etc/cm/sluice.yaml', read), false);
  assert.equal(await isFileMount('/etc/sluice/other.yaml', read), false);
  assert.equal(await isFileMount('/x', async () => Promise.reject(new Error('ENOENT'))), false, 'no procfs: false');
});
