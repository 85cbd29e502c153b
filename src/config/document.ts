/**
 * The YAML layer: parse with positions, find the node behind a data path, and walk string scalars
 * for interpolation. Everything that reports an error asks the Locator where the key or value is.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import type { ConfigError, DataPath } from './errors.js';
import { formatPath } from './errors.js';

export type Parsed = { ok: true; doc: Document.Parsed; locator: Locator } | { ok: false; errors: ConfigError[] };

export function parseYaml(text: string, file: string): Parsed {
  const lineCounter = new LineCounter();
  const protectedText = protectReferences(text);
  // merge: true accepts `<<: *anchor`, which hand-written configs use for shared route settings.
  const doc = parseDocument(protectedText, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: true });
  // After the first syntax error the parser's recovery reports a cascade of follow-on errors that
  // only confuse; duplicate keys are independent findings and are all kept.
  const firstSyntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  const problems = doc.errors.filter((e) => e === firstSyntax || e.code === 'DUPLICATE_KEY');
  if (protectedText !== text) restoreReferences(doc);
  if (problems.length) {
    return {
      ok: false,
      errors: problems.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file, line: pos.line, col: pos.col, path: '', message: `YAML syntax error: ${plainYamlMessage(e.message)}` };
      }),
    };
  }
  return { ok: true, doc, locator: new Locator(doc, lineCounter, file) };
}

/*
 * `api: { token: ${TOKEN:-} }` is what people write (SPEC §2 does), yet a plain scalar inside a flow
 * mapping may not contain `{` or `}`. Inside every `${...}` the braces are swapped for two
 * private-use characters of the same length (so every offset, hence every line:col, stays right)
 * and swapped back in the parsed scalars. A file that already holds those characters is left alone.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';

function protectReferences(text: string): string {
  if (!text.includes('${') || text.includes(OPEN) || text.includes(CLOSE)) return text;
  return text.replace(/\$\{[^{}\n]*\}/g, (ref) => '$' + OPEN + ref.slice(2, -1) + CLOSE);
}

function restoreReferences(doc: Document.Parsed): void {
  const fix = (node: unknown): void => {
    if (isScalar(node) && typeof node.value === 'string' && node.value.includes(OPEN)) {
      node.value = node.value.replaceAll(OPEN, '{').replaceAll(CLOSE, '}');
    } else if (isMap(node)) {
      for (const pair of node.items) {
        fix(pair.key);
        fix(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(fix);
  };
  fix(doc.contents);
}

/** yaml's messages end with " at line N, column M" and a source excerpt; the position is ours to give. */
function plainYamlMessage(message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

interface Found {
  readonly key?: Node | undefined;
  readonly value?: Node | undefined;
}

export class Locator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lc: LineCounter,
    readonly file: string,
  ) {}

  /** The error at `path`: on the key itself when `onKey` (unknown keys), else on the value. */
  error(path: DataPath, message: string, onKey = false): ConfigError {
    const { line, col } = this.position(path, onKey);
    return { file: this.file, line, col, path: formatPath(path), message };
  }

  position(path: DataPath, onKey = false): { line: number; col: number } {
    // Walk down as far as the document has nodes; a path into a default or an alias stops early and
    // reports at the nearest ancestor that the user wrote.
    let node: Node | null | undefined = this.doc.contents;
    let best: Node | undefined = node ?? undefined;
    let found: Found = { value: node ?? undefined };
    for (const seg of path) {
      found = child(node, seg);
      if (!found.key && !found.value) break;
      best = (found.value?.range ? found.value : found.key) ?? best;
      node = found.value;
      if (!node) break;
    }
    const target = onKey && found.key?.range ? found.key : best;
    const offset = target?.range?.[0] ?? 0;
    return this.lc.linePos(offset);
  }
}

function child(node: Node | null | undefined, seg: string | number): Found {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(k) === String(seg)) return { key: pair.key as Node, value: (pair.value ?? undefined) as Node | undefined };
    }
    return {};
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg];
    return isPair(item) ? {} : { value: (item ?? undefined) as Node | undefined };
  }
  return {};
}

/** Calls `fn` for every string scalar value (never keys), with its data path. Aliases are skipped: their anchor is visited. */
export function forEachStringScalar(doc: Document.Parsed, fn: (node: Scalar<string>, path: DataPath) => void): void {
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isAlias(node)) return;
    if (isScalar(node)) {
      if (typeof node.value === 'string') fn(node as Scalar<string>, path);
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? pair.key.value : pair.key;
        walk(pair.value, [...path, String(k)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  walk(doc.contents, []);
}
