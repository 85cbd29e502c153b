import { parseArgs } from 'node:util';

/** node:util parseArgs with errors as values; positionals allowed. */
export function parseFlags(
  argv: string[],
  spec: Record<string, 'string' | 'boolean'>,
): { ok: true; values: Record<string, string | boolean | undefined>; positionals: string[] } | { ok: false; error: string } {
  try {
    const options = Object.fromEntries(Object.entries(spec).map(([k, type]) => [k, { type }]));
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { ok: true, values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
