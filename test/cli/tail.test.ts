import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import fc from 'fast-check';
import { ndjsonToText } from '../../src/cli/tail.js';

const rec = (name: string, line: string) => JSON.stringify({ time: 't', line, source: 'stdout', container: { id: 'i', name, image: 'm', labels: {}, hostname: 'h' }, host: 'h', tags: [] });

async function render(chunks: Buffer[], escape: boolean): Promise<string> {
  return text(Readable.from(chunks).pipe(ndjsonToText(escape)));
}

test('NDJSON records print as `name source | line`: escaped for a terminal, bytes kept otherwise', async () => {
  const body = Buffer.from(rec('web', 'clear\x1b[2Jnow é') + '\n' + '{"dropped":3}\n' + rec('db', 'tab\there'));
  assert.equal(await render([body], true), 'web stdout | clear\\x1b[2Jnow é\n# sluice: 3 lines dropped (this client read too slowly)\ndb stdout | tab\there\n');
  assert.equal(await render([body], false), 'web stdout | clear\x1b[2Jnow é\n# sluice: 3 lines dropped (this client read too slowly)\ndb stdout | tab\there\n');
});

test('property: any chunking of the stream (even inside a UTF-8 character) prints the same text', async () => {
  const line = fc.string({ unit: fc.oneof(fc.constantFrom('\x1b', '\n', '\r', '\x9b', 'é', '→', '😀'), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 20 });
  await fc.assert(
    fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), async (lines, cuts, escape) => {
      const whole = Buffer.from(lines.map((l) => rec('c', l) + '\n').join(''));
      const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
      const chunks: Buffer[] = [];
      let at = 0;
      for (const p of [...points, whole.length]) {
        chunks.push(whole.subarray(at, p));
        at = p;
      }
      assert.equal(await render(chunks, escape), await render([whole], escape));
      const out = await render([whole], escape);
      if (escape) assert.equal(out.split('\n').length, lines.length + 1, 'one record, one line');
    }),
    { numRuns: 200 },
  );
});

/** Runs `sluice tail --api URL` against a loopback server that `serve` answers; returns code and stderr. */
async function tailAgainst(serve: (res: import('node:http').ServerResponse) => void): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const { createServer } = await import('node:http');
  const { spawn } = await import('node:child_process');
  const { join } = await import('node:path');
  const server = createServer((_req, res) => serve(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as import('node:net').AddressInfo).port;
  try {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'sluice.js'), 'tail', '--api', `http://127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    return { code, stderr, stdout };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

test('tail: a stream that breaks before the agent ends it exits 1 and says so; a clean end exits 0', { timeout: 60_000 }, async () => {
  const broken = await tailAgainst((res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write(rec('web', 'first') + '\n', () => setTimeout(() => res.socket?.destroy(), 100));
  });
  assert.equal(broken.stdout, 'web stdout | first\n');
  assert.equal(broken.code, 1, broken.stderr);
  assert.match(broken.stderr, /sluice tail: the stream from http:\/\/127\.0\.0\.1:\d+ broke/);

  const clean = await tailAgainst((res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.end(rec('web', 'only') + '\n');
  });
  assert.equal(clean.stdout, 'web stdout | only\n');
  assert.equal(clean.code, 0, clean.stderr);
});
