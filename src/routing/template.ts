import type { Template, TemplateContext } from '../config/types.js';

/**
 * `{{ path }}` templates over a record's context. Paths: `container.name`, `container.id`,
 * `container.image`, `container.hostname`, `container.labels.<key>` (any key, dots allowed),
 * `host`, `source`, `line`, `time` (per-line templates only: the raw destination), `compose.project`, `compose.service`, `k8s.namespace`, `k8s.pod`, `k8s.container`,
 * `k8s.pod_uid`, `k8s.restart` (the last two from pod log files).
 * A missing value renders as the empty string. Compiled once at config load; rendering a template
 * without `{{` returns the constant.
 */
const PATHS = new Set([
  'container.name',
  'container.id',
  'container.image',
  'container.hostname',
  'host',
  'source',
  'compose.project',
  'compose.service',
  'k8s.namespace',
  'k8s.pod',
  'k8s.container',
  'k8s.pod_uid',
  'k8s.restart',
  'line',
  'time',
]);

type Part = string | ((ctx: TemplateContext) => string);

function accessor(path: string): (ctx: TemplateContext) => string {
  if (path.startsWith('container.labels.')) {
    const key = path.slice('container.labels.'.length);
    return (c) => c.container.labels[key] ?? '';
  }
  switch (path) {
    case 'container.name':
      return (c) => c.container.name;
    case 'container.id':
      return (c) => c.container.id;
    case 'container.image':
      return (c) => c.container.image;
    case 'container.hostname':
      return (c) => c.container.hostname;
    case 'host':
      return (c) => c.host;
    case 'source':
      return (c) => c.source ?? '';
    case 'line':
      return (c) => c.line ?? '';
    case 'time':
      return (c) => c.time ?? '';
    case 'compose.project':
      return (c) => c.container.compose?.project ?? '';
    case 'compose.service':
      return (c) => c.container.compose?.service ?? '';
    case 'k8s.namespace':
      return (c) => c.container.k8s?.namespace ?? '';
    case 'k8s.pod':
      return (c) => c.container.k8s?.pod ?? '';
    case 'k8s.pod_uid':
      return (c) => c.container.k8s?.pod_uid ?? '';
    case 'k8s.restart':
      return (c) => (c.container.k8s?.restart === undefined ? '' : String(c.container.k8s.restart));
    default:
      return (c) => c.container.k8s?.container ?? '';
  }
}

/** Throws a SyntaxError naming the problem (unknown field, unclosed `{{`). */
export function compileTemplate(source: string): Template {
  const parts: Part[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open < 0) {
      parts.push(source.slice(i));
      break;
    }
    if (open > i) parts.push(source.slice(i, open));
    const close = source.indexOf('}}', open + 2);
    if (close < 0) throw new SyntaxError(`unclosed "{{" at offset ${open}`);
    const path = source.slice(open + 2, close).trim();
    if (!PATHS.has(path) && !(path.startsWith('container.labels.') && path.length > 'container.labels.'.length)) {
      throw new SyntaxError(`unknown template field "${path}" (expected one of ${[...PATHS].join(', ')}, container.labels.<key>)`);
    }
    parts.push(accessor(path));
    i = close + 2;
  }
  if (parts.every((p) => typeof p === 'string')) {
    const value = (parts as string[]).join('');
    return { source, constant: true, render: () => value };
  }
  return {
    source,
    constant: false,
    render(ctx) {
      let out = '';
      for (const p of parts) out += typeof p === 'string' ? p : p(ctx);
      return out;
    },
  };
}
