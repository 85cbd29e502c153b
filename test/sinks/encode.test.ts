import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { recordJsonText, recordToJson, writeRecordJson } from '../../src/sinks/encode.js';
import { BodyWriter } from '../../src/sinks/body.js';
import { makeRecord } from '../helpers/records.js';

const text = fc.string({ unit: 'binary', maxLength: 40 });

test('recordJsonText is JSON.stringify(recordToJson(r)) byte for byte, for any line, labels, tags and extras', () => {
  fc.assert(
    fc.property(
      text,
      fc.dictionary(text, text, { maxKeys: 4 }),
      fc.array(text, { maxLength: 3 }),
      fc.boolean(),
      fc.option(fc.record({ project: text, service: text }, { requiredKeys: [] }), { nil: undefined }),
      fc.option(fc.record({ namespace: text, pod: text, container: text }, { requiredKeys: [] }), { nil: undefined }),
      fc.constantFrom('stdout' as const, 'stderr' as const),
      (line, labels, tags, truncated, compose, k8s, source) => {
        const r = makeRecord({ line, tags, truncated, source, container: { labels, ...(compose ? { compose } : {}), ...(k8s ? { k8s } : {}) } });
        const fast = recordJsonText(r);
        assert.equal(fast, JSON.stringify(recordToJson(r)));
        assert.equal(recordJsonText(r), fast); // from the caches, the same again
        assert.equal(JSON.parse(fast).line, line); // valid JSON that gives the line back
      },
    ),
  );
});

test('writeRecordJson writes recordJsonText(r), whatever the sequence of hosts, tag lists, streams and containers it sees (its per-container cache changes nothing)', () => {
  const tagLists = [[], ['a'], ['a', 'b"c']].map((t) => Object.freeze(t));
  const containers = [0, 1, 2].map((i) => makeRecord({ container: { id: `${i}`.repeat(64), name: `c${i}é`, labels: { [`k${i}`]: 'v' } } }).container);
  const one = fc.record({
    c: fc.integer({ min: 0, max: 2 }),
    t: fc.integer({ min: 0, max: 2 }),
    host: fc.constantFrom('h1', 'h2', 'hôte', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9'),
    source: fc.constantFrom('stdout' as const, 'stderr' as const),
    truncated: fc.boolean(),
    line: text,
    // Docker's times (copied as they are) and times that are not (serialised).
    time: fc.constantFrom('2024-05-06T07:08:09.123456789Z', '2024-05-06T07:08:09+01:00', '', 'a "quoted"\\ time', 'tïme\n'),
  });
  fc.assert(
    fc.property(fc.array(one, { minLength: 1, maxLength: 40 }), (xs) => {
      const out = new BodyWriter(16);
      let want = '';
      for (const x of xs) {
        const r = { ...makeRecord({ line: x.line, time: x.time, host: x.host, source: x.source, truncated: x.truncated, tags: tagLists[x.t]! }), container: containers[x.c]! };
        writeRecordJson(r, out);
        want += JSON.stringify(recordToJson(r));
      }
      assert.equal(out.finish().toString('utf8'), want);
    }),
    { numRuns: 300 },
  );
});
