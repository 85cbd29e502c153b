import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Digest, digestOf } from '../../src/util/digest.js';

/** FNV-1a 64 written the obvious way, with BigInt: what the limb arithmetic must equal. */
function reference(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

test('FNV-1a 64: the published test vectors', () => {
  assert.equal(new Digest().hex(), 'cbf29ce484222325');
  assert.equal(new Digest().update('a').hex(), 'af63dc4c8601ec8c');
  assert.equal(new Digest().update('foobar').hex(), '85944171f73967e8');
});

test('equals the BigInt reference on any bytes, in any split', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cut) => {
      const at = bytes.length ? cut % (bytes.length + 1) : 0;
      const split = new Digest().update(bytes.subarray(0, at)).update(bytes.subarray(at)).hex();
      assert.equal(split, reference(bytes));
      assert.match(split, /^[0-9a-f]{16}$/);
    }),
  );
});

test('strings are digested as their UTF-8 bytes', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      assert.equal(new Digest().update(s).hex(), reference(Buffer.from(s, 'utf8')));
    }),
  );
});

test('digestOf separates its parts', () => {
  assert.notEqual(digestOf('ab', 'c'), digestOf('a', 'bc'));
  assert.equal(digestOf('ab', 'c'), digestOf('ab', 'c'));
});
