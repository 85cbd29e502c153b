import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { recordJsonText, recordToJson } from '../../src/sinks/encode.js';
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
