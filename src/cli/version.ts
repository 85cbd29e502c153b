/** `sluice version`: prints `sluice <version>` from package.json. */
import pkg from '../../package.json' with { type: 'json' };

export default async function version(_argv: string[]): Promise<number> {
  process.stdout.write(`sluice ${pkg.version}\n`);
  return 0;
}
