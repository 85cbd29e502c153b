import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BufferPool } from '../../src/util/buffer-pool.js';

test('a borrowed buffer is never lent again before it is given back; at most `spares` are kept', () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 200 }), fc.integer({ min: 0, max: 5 }), (ops, spares) => {
      const pool = new BufferPool(64, spares);
      const out = new Set<Buffer>();
      for (const borrow of ops) {
        if (borrow || out.size === 0) {
          const b = pool.borrow();
          assert.equal(b.length, 64);
          assert.ok(!out.has(b), 'lent twice');
          out.add(b);
        } else {
          const b = out.values().next().value!;
          out.delete(b);
          pool.giveBack(b);
        }
        assert.ok(pool.kept <= spares);
      }
    }),
  );
});

test('a buffer given back is lent again, so users one after another share one', () => {
  const pool = new BufferPool(16, 4);
  const a = pool.borrow();
  pool.giveBack(a);
  assert.equal(pool.borrow(), a);
});
