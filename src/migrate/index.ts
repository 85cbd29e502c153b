/**
 * `sluice migrate` and the drop-in start share this: logspout settings in, commented sluice YAML out.
 *
 *   route URIs + env ─ translate (findings) ─ YAML document with comments ─ text
 */
import { Document, isMap, isSeq, type Node } from 'yaml';
import { translate, type Finding, type MigrateInput, type Migration } from './translate.js';

export type { Finding, MigrateInput } from './translate.js';

export interface MigrateResult {
  readonly yaml: string;
  readonly findings: readonly Finding[];
  /** Every input key was translated (the exit code of `sluice migrate`). */
  readonly complete: boolean;
  /** At least one route came out. */
  readonly routes: number;
}

const HEAD = [
  ' Migrated from logspout by `sluice migrate`. What sluice does differently:',
  '  - it keeps a checkpoint per container in state_dir (mount a volume there) and resumes from it,',
  '    so a restart or a destination outage loses nothing; logspout kept logs only in memory;',
  '  - there is no routes API: routes live in this file, which sluice re-reads when it changes;',
  '  - TTY containers are read too (logspout skipped them unless ALLOW_TTY=true);',
  '  - its API (/logs, /status, /metrics) listens on 127.0.0.1:8080 unless api.listen says otherwise.',
];

/** Comments go above the key (a map entry) or the item (a list entry) the path names. */
function attach(doc: Document, path: readonly (string | number)[], lines: readonly string[]): void {
  const text = lines.map((l) => ' ' + l).join('\n');
  const parentPath = path.slice(0, -1);
  const last = path.at(-1);
  const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
  let target: Node | undefined;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === last || p.key === last);
    target = pair?.key as Node | undefined;
  } else if (isSeq(parent) && typeof last === 'number') target = parent.items[last] as Node | undefined;
  if (!target || typeof target !== 'object') return;
  target.commentBefore = target.commentBefore ? `${target.commentBefore}\n${text}` : text;
}

export function renderMigration(m: Migration): string {
  const doc = new Document(m.config);
  for (const c of m.comments) attach(doc, c.path, c.lines);
  const missing = m.findings.filter((f) => !f.ok);
  const head = [...HEAD];
  if (missing.length) {
    head.push(' NOT TRANSLATED (sluice migrate exits 1):');
    for (const f of missing) head.push(`  - ${f.key}: ${f.message}`);
  }
  doc.commentBefore = head.join('\n');
  return doc.toString({ lineWidth: 0 });
}

export function migrate(input: MigrateInput): MigrateResult {
  const m = translate(input);
  // state_dir may be pointed elsewhere without editing the file (the drop-in start has no file).
  const config = { version: 1, state_dir: '${SLUICE_STATE_DIR:-/var/lib/sluice}', ...m.config };
  const comments = [...m.comments, { path: ['state_dir'], lines: ['checkpoints; SLUICE_STATE_DIR moves them without editing this file'] }];
  return { yaml: renderMigration({ ...m, config, comments }), findings: m.findings, complete: m.complete, routes: (m.config.routes as unknown[]).length };
}
