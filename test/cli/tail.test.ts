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
