/**
 * Renders docs/configuration.md from the schema's descriptions, so every key is documented and the
 * document cannot drift from the schema (a test compares the committed file with this output).
 */
type S = Record<string, unknown>;

/** $defs that get a section of their own; elsewhere a key using them links there. */
const SECTIONS: [string, string, string][] = [
  ['match', 'Container conditions', '`match`, `exclude` and `containers.exclude` take these keys.'],
  ['buffer', 'Buffer', '`defaults.buffer` and a route\'s `buffer`.'],
  ['flush', 'Flush', '`defaults.flush` and a route\'s `flush`.'],
  ['retry', 'Retry', '`defaults.retry` and a route\'s `retry`.'],
  ['route', 'Routes', 'Each element of `routes`.'],
  ['console', 'Destination `console`', ''],
  ['http', 'Destination `http`', ''],
  ['mezmo', 'Destination `mezmo`', ''],
  ['syslog', 'Destination `syslog`', ''],
  ['raw', 'Destination `raw`', ''],
  ['tls', 'TLS', 'The `tls` key of the `http`, `mezmo`, `syslog` and `raw` destinations.'],
];
const LINKED = new Set([...SECTIONS.map(([d]) => d), 'destination']);
const anchor = (title: string): string => title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');

export function renderDocs(schema: S): string {
  const defs = (schema.$defs ?? {}) as Record<string, S>;
  const deref = (node: S): [S, string | undefined] => {
    const ref = node.$ref as string | undefined;
    if (!ref) return [node, undefined];
    const name = ref.replace('#/$defs/', '');
    return [{ ...defs[name], ...node, $ref: undefined }, name];
  };
  const typeOf = (node: S, def: string | undefined): string => {
    if (def && LINKED.has(def)) {
      if (def === 'destination') return `one of the [destinations](#destinations)`;
      const section = SECTIONS.find(([d]) => d === def)!;
      return `[${section[1]}](#${anchor(section[1])})`;
    }
    if (def === 'duration' || def === 'timeout') return 'duration';
    if (def === 'size') return 'size';
    if (def === 'patternList') return 'pattern or list of patterns';
    if (def === 'templateList') return 'list of templates';
    if (def === 'severity') return 'severity name or 0..7';
    if ('const' in node) return `\`${JSON.stringify(node.const)}\``;
    if (Array.isArray(node.enum) && node.enum.every((v) => typeof v === 'string')) return (node.enum as string[]).map((v) => `\`${v}\``).join(' \\| ');
    if (Array.isArray(node.enum)) return 'name or number';
    const types = ([] as string[]).concat((node.type as string | string[] | undefined) ?? 'any');
    const words: Record<string, string> = { string: 'string', integer: 'integer', number: 'number', boolean: 'boolean', array: 'list', object: 'mapping', null: 'null' };
    let t = types.map((x) => words[x] ?? x).join(' or ');
    if (node['x-template']) t = 'template';
    if (node['x-regex']) t = 'regex';
    if (node.items && types.includes('array') && (node.items as S)['x-pattern']) t = types.includes('string') ? t : 'list of patterns';
    return t;
  };
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

  const rows = (node: S, prefix: string, out: string[]): void => {
    const props = (node.properties ?? {}) as Record<string, S>;
    for (const [key, raw] of Object.entries(props)) {
      const [child, def] = deref(raw);
      const path = prefix ? `${prefix}.${key}` : key;
      const dflt = raw.default ?? child.default;
      const required = ((node.required as string[] | undefined) ?? []).includes(key);
      const desc = (raw.description ?? child.description ?? '') as string;
      out.push(`| \`${path}\` | ${cell(typeOf(child, def))} | ${dflt === undefined ? (required ? '**required**' : '') : `\`${cell(JSON.stringify(dflt))}\``} | ${cell(desc)} |`);
      if (def && LINKED.has(def)) continue;
      if (child.properties) rows(child, path, out);
      else if (child.items && (child.items as S).$ref) rows(deref(child.items as S)[0], `${path}[]`, out);
      else if (typeof child.additionalProperties === 'object') {
        const [v, vdef] = deref(child.additionalProperties as S);
        out.push(`| \`${path}.<name>\` | ${cell(typeOf(v, vdef))} |  | ${cell((v.description as string | undefined) ?? 'One entry per key.')} |`);
      } else if (Array.isArray(child.oneOf)) {
        for (const alt of child.oneOf as S[]) {
          const [a] = deref(alt);
          out.push(`| \`${path}\` (${cell(String(a.title ?? ''))}) | mapping |  | ${cell(String(a.description ?? ''))} |`);
          rows(a, path, out);
        }
      }
    }
  };
  const table = (node: S, prefix: string): string => {
    const out = ['| Key | Type | Default | Description |', '| --- | --- | --- | --- |'];
    rows(node, prefix, out);
    return out.join('\n');
  };

  const parts = [
    '<!-- Generated from schema/sluice.schema.json by scripts/gen-config-types.ts (npm run gen:types). Do not edit. -->',
    '# Configuration reference',
    '',
    String(schema.description ?? ''),
    '',
    'The file is YAML, validated against `schema/sluice.schema.json` (`sluice schema` prints it; editors with the YAML language server pick it up from the `# yaml-language-server: $schema=...` line). Unknown keys are errors. `sluice validate FILE` prints every error with its file, line, column and key path.',
    '',
    '## Values',
    '',
    '- **Interpolation** in any scalar value: `${VAR}` (an unset variable is an error that names it), `${VAR:-default}` (the default when VAR is unset or empty), `${file:/path}` (the file\'s contents without one trailing newline; a relative path is relative to the config file). `$$` is a literal `$`. A plain (unquoted) value that is exactly one reference and expands to a whole number or `true`/`false` becomes that number or boolean.',
    '- **Durations**: a whole number and a unit: `500ms`, `1s`, `5m`, `1h`.',
    '- **Sizes**: plain bytes (`4096`) or a number and a unit: `B`, `KiB`, `MiB`, `GiB` (powers of 1024), `KB`, `MB`, `GB` (powers of 1000).',
    '- **Patterns** (container names, images, labels...): an exact value, a glob (`*` any run of characters, `?` one character; `"*"` alone means present), or a `/regex/` (optionally `/regex/i`), tested anywhere in the value.',
    '- **Line filters** (`filter.include`, `filter.exclude`): a `/regex/` or a plain substring.',
    '- **Templates**: text with `{{ container.name }}`, `{{ container.id }}`, `{{ container.image }}`, `{{ container.hostname }}`, `{{ container.labels.KEY }}`, `{{ host }}`, `{{ source }}`, `{{ compose.project }}`, `{{ compose.service }}`, `{{ k8s.namespace }}`, `{{ k8s.pod }}`, `{{ k8s.container }}`, `{{ k8s.pod_uid }}`, `{{ k8s.restart }}` (the last two from pod log files); the raw destination\'s template also has `{{ line }}` and `{{ time }}`.',
    '',
    '## Top level',
    '',
    table(schema, ''),
  ];
  for (const [def, title, intro] of SECTIONS) {
    if (def === 'console') parts.push('', '## Destinations', '', String(defs.destination?.description ?? ''));
    const level = ['console', 'http', 'mezmo', 'syslog', 'raw'].includes(def) ? '###' : '##';
    parts.push('', `${level} ${title}`, '');
    if (intro) parts.push(intro, '');
    if (defs[def]?.description) parts.push(String(defs[def]!.description), '');
    parts.push(table(defs[def]!, ''));
  }
  return parts.join('\n') + '\n';
}
