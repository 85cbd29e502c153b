/**
 * logspout's Go templates (`RAW_FORMAT`, `SYSLOG_*`, the Mezmo image's `TAGS`) → sluice templates.
 * Only actions that name a field sluice has are translated; a template with any other action
 * (pipelines, functions such as toJSON, if/range, fields sluice lacks) is not translated at all,
 * since a half-translated template would send something different without saying so.
 */

/** Where the template is used: only raw lines have the line's text and time. */
export type TemplateUse = 'line' | 'container';

export type TemplateTranslation =
  | { readonly ok: true; readonly template: string; readonly notes: readonly string[] }
  | { readonly ok: false; readonly unsupported: readonly string[] };

const CONTAINER_FIELDS: Record<string, string> = {
  '.ContainerName': '{{ container.name }}',
  '.Container.Name': '/{{ container.name }}',
  '.Container.ID': '{{ container.id }}',
  '.Container.Id': '{{ container.id }}',
  '.Container.Config.Hostname': '{{ container.hostname }}',
  '.Container.Config.Image': '{{ container.image }}',
  '.Source': '{{ source }}',
};

const LABEL_FIELD = /^\.Container\.Config\.Labels\.([A-Za-z_][A-Za-z0-9_]*)$/;
const LABEL_INDEX = /^index\s+\.Container\.Config\.Labels\s+("(?:[^"\\]|\\.)*"|`[^`]*`)$/;

/** sluice reads `${` as a variable reference: literal dollars are doubled. */
export const literalText = (s: string): string => s.replace(/\$/g, '$$$$');

function translateAction(action: string, use: TemplateUse, notes: string[]): string | null {
  if (/^\/\*[\s\S]*\*\/$/.test(action)) return '';
  const f = CONTAINER_FIELDS[action];
  if (f !== undefined) return f;
  if (use === 'line' && action === '.Data') return '{{ line }}';
  if (use === 'line' && action === '.Time') {
    notes.push('{{.Time}} becomes {{ time }}: Docker\'s RFC 3339 timestamp with nanoseconds, not Go\'s "2006-01-02 15:04:05 -0700 MST" form');
    return '{{ time }}';
  }
  const label = LABEL_FIELD.exec(action);
  if (label) return `{{ container.labels.${label[1]} }}`;
  const idx = LABEL_INDEX.exec(action);
  if (idx) {
    const q = idx[1]!;
    const key = q.startsWith('`') ? q.slice(1, -1) : (JSON.parse(q) as string);
    if (key.includes('}}')) return null;
    return `{{ container.labels.${key} }}`;
  }
  const str = /^("(?:[^"\\]|\\.)*"|`[^`]*`)$/.exec(action);
  if (str) return literalText(str[1]!.startsWith('`') ? str[1]!.slice(1, -1) : (JSON.parse(str[1]!) as string));
  return null;
}

export function translateGoTemplate(source: string, use: TemplateUse): TemplateTranslation {
  const out: string[] = [];
  const unsupported: string[] = [];
  const notes: string[] = [];
  let i = 0;
  let trimNext = false;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    let text = open < 0 ? source.slice(i) : source.slice(i, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      out.push(literalText(text));
      break;
    }
    const close = source.indexOf('}}', open + 2);
    if (close < 0) {
      unsupported.push(source.slice(open));
      break;
    }
    let inner = source.slice(open + 2, close);
    if (/^-\s/.test(inner)) {
      text = text.replace(/\s+$/, '');
      inner = inner.slice(1);
    }
    if (/\s-$/.test(inner)) {
      trimNext = true;
      inner = inner.slice(0, -1);
    }
    out.push(literalText(text));
    const action = inner.trim();
    const t = translateAction(action, use, notes);
    if (t === null) unsupported.push(`{{${inner}}}`);
    else out.push(t);
    i = close + 2;
  }
  return unsupported.length ? { ok: false, unsupported } : { ok: true, template: out.join(''), notes };
}
