import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileTemplate } from '../../src/routing/template.js';
import type { TemplateContext } from '../../src/config/types.js';

const ctx: TemplateContext = {
  container: { id: 'abc', name: 'web', image: 'nginx', labels: { team: 'pay', 'a.b': 'dots' }, hostname: 'h1', tty: false, logDriver: 'json-file', logspoutIgnore: false, compose: { project: 'shop' }, k8s: { namespace: 'prod', pod: 'p-1', container: 'c' } },
  host: 'node-1',
  source: 'stderr',
  line: 'hello',
  time: '2026-01-01T00:00:00.000000000Z',
};

test('fields render; missing ones are empty', () => {
  const t = compileTemplate('{{ container.name }}/{{container.labels.team}}/{{ container.labels.a.b }}/{{ container.labels.none }}/{{ host }}/{{ source }}/{{ compose.project }}/{{ compose.service }}/{{ k8s.namespace }}/{{ line }}/{{ time }}');
  assert.equal(t.constant, false);
  assert.equal(t.render(ctx), 'web/pay/dots//node-1/stderr/shop//prod/hello/2026-01-01T00:00:00.000000000Z');
  assert.throws(() => compileTemplate('{{ container.nam }}'), /unknown template field "container.nam"/);
  assert.throws(() => compileTemplate('x {{ host'), /unclosed/);
  assert.throws(() => compileTemplate('{{ container.labels. }}'), SyntaxError);
});

test('property: text without "{{" is a constant that renders as itself', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      fc.pre(!s.includes('{{'));
      const t = compileTemplate(s);
      assert.equal(t.constant, true);
      assert.equal(t.render(ctx), s);
      assert.equal(t.source, s);
    }),
  );
});

test('property: literal text around fields is kept exactly', () => {
  const lit = fc.string().filter((s) => !s.includes('{{') && !s.includes('}}') && !s.endsWith('{') && !s.startsWith('}'));
  const field = fc.constantFrom(['{{ host }}', 'node-1'], ['{{container.name}}', 'web'], ['{{ container.labels.team }}', 'pay'], ['{{ k8s.pod }}', 'p-1']);
  fc.assert(
    fc.property(fc.array(fc.tuple(lit, field), { maxLength: 5 }), lit, (parts, tail) => {
      const src = parts.map(([l, [f]]) => l + f).join('') + tail;
      const want = parts.map(([l, [, v]]) => l + v).join('') + tail;
      assert.equal(compileTemplate(src).render(ctx), want);
    }),
  );
});
