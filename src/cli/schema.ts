/** `sluice schema`: prints the config JSON Schema (for editors and CI). */
import { schemaJson } from '../config/schema.js';

export default async function schema(argv: string[]): Promise<number> {
  if (argv.length) {
    process.stderr.write('usage: sluice schema\n');
    return 2;
  }
  process.stdout.write(JSON.stringify(schemaJson(), null, 2) + '\n');
  return 0;
}
