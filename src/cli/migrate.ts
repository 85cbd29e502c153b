/**
 * `sluice migrate [--env-file F] [ROUTE_URIS…]`: prints the sluice YAML for a logspout or Mezmo
 * logspout setup on stdout, and on stderr every key it could not translate. Exit 0 when everything
 * was translated, 1 when something was not (the YAML is still printed), 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { readEnvText } from '../migrate/env-file.js';
import { migrate } from '../migrate/index.js';
import { parseFlags } from './flags.js';

const USAGE = 'usage: sluice migrate [--env-file FILE] [ROUTE_URIS…]\n';

export default async function migrateCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { 'env-file': 'string', help: 'boolean' });
  if (!flags.ok) {
    process.stderr.write(`sluice migrate: ${flags.error}\n${USAGE}`);
    return 2;
  }
  if (flags.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const file = flags.values['env-file'] as string | undefined;
  let env: Record<string, string | undefined> = process.env;
  let routeArg = flags.positionals.length ? flags.positionals.join(',') : undefined;
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      process.stderr.write(`sluice migrate: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 2;
    }
    const read = readEnvText(text);
    if (!read.ok) {
      process.stderr.write(`sluice migrate: ${file}: ${read.reason}\n`);
      return 2;
    }
    env = read.input.env;
    routeArg ??= read.input.routeArg;
  }
  const result = migrate({ env, wholeEnv: file !== undefined, ...(routeArg !== undefined && { routeArg }) });
  process.stdout.write(result.yaml);
  const missing = result.findings.filter((f) => !f.ok);
  const done = [...new Set(result.findings.filter((f) => f.ok).map((f) => f.key))];
  if (done.length) process.stderr.write(`sluice migrate: translated: ${done.join(', ')}\n`);
  for (const f of missing) process.stderr.write(`sluice migrate: ${f.key}: ${f.message}\n`);
  const n = missing.length;
  process.stderr.write(
    n === 0
      ? `sluice migrate: every setting translated (${result.findings.length} findings, ${result.routes} route${result.routes === 1 ? '' : 's'})\n`
      : `sluice migrate: ${n} setting${n === 1 ? '' : 's'} not translated; see the comments at the top of the YAML\n`,
  );
  return n === 0 ? 0 : 1;
}
