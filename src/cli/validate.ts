/** `sluice validate FILE`: exit 0 when valid, 1 with every error on stderr, 2 on bad usage. */
import { formatConfigError, loadConfigFile } from '../config/load.js';

export default async function validate(argv: string[]): Promise<number> {
  const files = argv.filter((a) => a !== '--');
  if (files.length !== 1 || files[0]!.startsWith('-')) {
    process.stderr.write('usage: sluice validate FILE\n');
    return 2;
  }
  const file = files[0]!;
  const result = await loadConfigFile(file, process.env);
  if (result.ok) {
    process.stdout.write(`${file}: valid\n`);
    return 0;
  }
  const n = result.errors.length;
  process.stderr.write(result.errors.map((e) => formatConfigError(e) + '\n').join('') + `${file}: ${n} error${n === 1 ? '' : 's'}\n`);
  return 1;
}
