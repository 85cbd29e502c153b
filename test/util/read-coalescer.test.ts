import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ReadCoalescer } from '../../src/util/read-coalescer.js';

/** Runs `fn` inside an I/O callback (the poll phase), where real reads call noteRead. */
function inPollPhase(fn: () => void): Promise<void> {
  return new Promise((resolve) => {
    const server = createServer((conn: Socket) => {
      fn();
      conn.destroy();
      client.destroy();
      server.close();
      setImmediate(() => setImmediate(resolve));
    });
    const client = new Socket();
    server.listen(0, '127.0.0.1', () => client.connect((server.address() as AddressInfo).port, '127.0.0.1'));
  });
}

const opts = { napMs: 5, quietBytes: 1000, holdMs: 100 };

test('small reads from several streams in one loop turn: one nap, after the turn', async () => {
  const events: string[] = [];
  const c = new ReadCoalescer({ ...opts, napMs: 7, sleep: (ms) => events.push(`sleep ${ms}`) });
  const [a, b] = [c.stream(), c.stream()];
  await inPollPhase(() => {
    a(100);
    events.push('read');
    b(200);
    events.push('read');
  });
  assert.deepEqual(events, ['read', 'read', 'sleep 7']);
  assert.equal(c.naps, 1);
});

test('a busy turn (quietBytes or more in all) does not nap, nor do quiet turns for holdMs after it', async () => {
  const sleeps: number[] = [];
  let now = 0;
  const c = new ReadCoalescer({ ...opts, sleep: (ms) => sleeps.push(ms), now: () => now });
  const [a, b] = [c.stream(), c.stream()];
  await inPollPhase(() => (a(600), b(400)));
  assert.deepEqual(sleeps, []);
  now = 99;
  await inPollPhase(() => a(10));
  assert.deepEqual(sleeps, [], 'still held');
  now = 100;
  await inPollPhase(() => b(10));
  assert.deepEqual(sleeps, [5]);
});

test('a stream read three times in a row, each within 4 naps of the last, is streaming: no naps while it is, and holdMs after', async () => {
  const sleeps: number[] = [];
  let now = 0;
  const c = new ReadCoalescer({ ...opts, sleep: (ms) => sleeps.push(ms), now: () => now });
  const [flood, t1, t2] = [c.stream(), c.stream(), c.stream()];
  await inPollPhase(() => flood(100));
  now += 10;
  await inPollPhase(() => flood(100));
  assert.equal(sleeps.length, 2, 'two quick reads are not yet streaming');
  now += 10;
  await inPollPhase(() => flood(100));
  assert.equal(sleeps.length, 2, 'the third is');
  for (let i = 0; i < 12; i++) {
    now += 10;
    await inPollPhase(() => flood(100));
  }
  assert.equal(sleeps.length, 2, 'no nap while it streams, though the first hold alone would have run out');
  // It stops; the other streams trickle (reads ~50 ms apart).
  now += 60;
  await inPollPhase(() => t1(10));
  assert.equal(sleeps.length, 2, 'held for holdMs after the last streaming read');
  now += 50;
  await inPollPhase(() => t2(10));
  now += 5;
  await inPollPhase(() => t1(10));
  now += 5;
  await inPollPhase(() => t2(10));
  assert.equal(sleeps.length, 5);
});

test('reads in consecutive slow turns are not streaming (start-up, a long GC): the naps go on', async () => {
  const sleeps: number[] = [];
  let now = 0;
  const c = new ReadCoalescer({ ...opts, sleep: (ms) => sleeps.push(ms), now: () => now });
  const a = c.stream();
  for (let i = 0; i < 5; i++) {
    now += 60;
    await inPollPhase(() => a(100));
  }
  assert.equal(sleeps.length, 5);
});

test('two reads of one stream in one turn (a full read buffer) make it streaming at once', async () => {
  const sleeps: number[] = [];
  const c = new ReadCoalescer({ ...opts, sleep: (ms) => sleeps.push(ms), now: () => 0 });
  const a = c.stream();
  await inPollPhase(() => (a(100), a(100)));
  assert.deepEqual(sleeps, []);
});

test('napMs 0 turns it off: no nap and nothing scheduled', async () => {
  const sleeps: number[] = [];
  const c = new ReadCoalescer({ ...opts, napMs: 0, sleep: (ms) => sleeps.push(ms) });
  const before = process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;
  c.stream()(10);
  assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length, before);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sleeps, []);
});

test('the default sleep blocks the loop for the nap (never less: nothing wakes it early)', async () => {
  const c = new ReadCoalescer({ ...opts, napMs: 40 });
  const a = c.stream();
  let t0 = 0;
  let blocked = 0;
  await inPollPhase(() => {
    a(1);
    t0 = performance.now();
    setImmediate(() => (blocked = performance.now() - t0)); // queued after the coalescer's immediate
  });
  assert.ok(blocked >= 39, `the loop was blocked ${blocked.toFixed(1)} ms`);
});

/**
 * A unix socket server (Docker's transport: a unix socket buffers each small write apart, so a blocked
 * reader stops the sender after a few hundred of them) whose connections' reads go through `c`;
 * counts reads, bytes and reading turns.
 */
async function readingServer(c: ReadCoalescer) {
  const stats = { reads: 0, bytes: 0, turns: 0 };
  let turnOpen = false;
  const server = createServer((sock) => {
    const note = c.stream();
    sock.on('data', (d: Buffer) => {
      stats.reads++;
      stats.bytes += d.length;
      if (!turnOpen) {
        turnOpen = true;
        stats.turns++;
        setImmediate(() => (turnOpen = false));
      }
      note(d.length);
    });
  });
  const path = join(mkdtempSync(join(tmpdir(), 'sluice-coalesce-')), 'sock');
  await new Promise<void>((r) => server.listen(path, () => r()));
  return { stats, path, close: () => server.close() };
}

/** Runs `script` (CommonJS, PATH the socket's) in a child node; resolves when it exits. */
function child(script: string, path: string): Promise<unknown> {
  const p = spawn(process.execPath, ['-e', `const PATH = ${JSON.stringify(path)};\n${script}`], { stdio: 'inherit' });
  return new Promise((r) => p.on('exit', r));
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

const LINE = 'a line of a container log, about fifty bytes long\n';

/**
 * The effect, on real sockets: a child process keeps 100 connections each sending a short line every
 * 50 ms (2,000 small writes a second, spread over time, like trickling containers). Read with a
 * 10 ms coalescer, the turns that read nap, so there are at most about one per 10 ms, and each reads
 * many sockets; nothing is lost.
 */
test('real sockets, trickling: the reading turns nap, and each reads many sockets', async () => {
  const c = new ReadCoalescer({ napMs: 10, quietBytes: 32 * 1024, holdMs: 250 });
  const srv = await readingServer(c);
  const t0 = performance.now();
  await child(
    `const net = require('node:net');
    for (let i = 0; i < 100; i++) {
      const s = net.connect(PATH);
      let n = 0;
      setTimeout(() => {
        const t = setInterval(() => {
          s.write(${JSON.stringify(LINE)});
          if (++n === 30) (clearInterval(t), s.end());
        }, 50);
      }, i / 2);
    }`,
    srv.path,
  );
  const expected = 100 * 30 * LINE.length;
  await until(() => srv.stats.bytes >= expected);
  const elapsed = performance.now() - t0;
  srv.close();
  const { reads, turns, bytes } = srv.stats;
  assert.equal(bytes, expected, 'every byte read');
  assert.ok(c.naps >= 0.8 * turns, `${c.naps} naps in ${turns} reading turns`);
  assert.ok(c.naps <= elapsed / 10 + 2, `${c.naps} naps of 10 ms in ${elapsed.toFixed(0)} ms`);
  assert.ok(reads / turns >= 3, `${reads} reads in ${turns} turns`);
});

/**
 * A flood (a child writing 50-byte lines as fast as the socket takes them, as Docker streams a
 * backlog) is streaming: the coalescer stops napping within a few turns and holds off while it lasts.
 * Without that, every turn would nap and the sender would block on a full socket buffer each time.
 */
test('real sockets, a flood: hardly any naps while it lasts', async () => {
  const c = new ReadCoalescer({ napMs: 10, quietBytes: 32 * 1024, holdMs: 250 });
  const srv = await readingServer(c);
  const t0 = performance.now();
  const lines = 200_000;
  await child(
    `const s = require('node:net').connect(PATH);
    let n = 0;
    const more = () => { while (n < ${lines}) { n++; if (!s.write(${JSON.stringify(LINE)})) return s.once('drain', more); } s.end(); };
    s.on('connect', more);`,
    srv.path,
  );
  await until(() => srv.stats.bytes >= lines * LINE.length);
  const elapsed = performance.now() - t0;
  srv.close();
  assert.equal(srv.stats.bytes, lines * LINE.length, 'every byte read');
  assert.ok(c.naps <= 3 + elapsed / 250, `${c.naps} naps in ${srv.stats.turns} reading turns, ${elapsed.toFixed(0)} ms`);
});
