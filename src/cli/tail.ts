/**
 * `sluice tail [--api URL] [--token T] [--name X] [--label k=v] [--source S] [--route R] [--json]`:
 * follows a running agent's /logs stream and prints it (text `name source | line`, or NDJSON with
 * --json). Filters repeat: several --name/--route match any, several --label must all hold.
 * The token may come from SLUICE_API_TOKEN instead of the command line (which `ps` shows).
 */
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import { parseArgs } from 'node:util';

const USAGE = 'usage: sluice tail [--api URL] [--token T] [--name X] [--label k=v] [--source stdout|stderr] [--route R] [--json]\n';
export const DEFAULT_API = 'http://127.0.0.1:8080';

export default async function tail(argv: string[]): Promise<number> {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        api: { type: 'string' },
        token: { type: 'string' },
        name: { type: 'string', multiple: true },
        label: { type: 'string', multiple: true },
        source: { type: 'string', multiple: true },
        route: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`sluice tail: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let url: URL;
  try {
    url = new URL('/logs', (values.api as string | undefined) ?? DEFAULT_API);
  } catch {
    process.stderr.write(`sluice tail: --api must be a URL like ${DEFAULT_API}\n`);
    return 2;
  }
  for (const key of ['name', 'label', 'source', 'route'] as const) {
    for (const v of (values[key] as string[] | undefined) ?? []) url.searchParams.append(key, v);
  }
  const token = (values.token as string | undefined) ?? process.env.SLUICE_API_TOKEN;
  const headers: Record<string, string> = { accept: values.json ? 'application/x-ndjson' : 'text/plain' };
  if (token) headers.authorization = `Bearer ${token}`;
  return follow(url, headers);
}

function follow(url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = (url.protocol === 'https:' ? requestTls : request)(url, { headers }, (res) => {
      if (res.statusCode !== 200) {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d.slice(0, 2000)));
        res.on('end', () => {
          const hint = res.statusCode === 401 ? ' (pass --token or set SLUICE_API_TOKEN)' : '';
          process.stderr.write(`sluice tail: ${url.origin} answered ${res.statusCode}${hint}: ${body.trim()}\n`);
          resolve(1);
        });
        return;
      }
      // pipe() honours stdout's backpressure: a slow terminal slows this reader, and the agent
      // drops (and counts) for this client rather than waiting.
      res.pipe(process.stdout, { end: false });
      res.on('end', () => resolve(0));
      res.on('error', () => resolve(0));
    });
    req.on('error', (err) => {
      process.stderr.write(`sluice tail: cannot reach ${url.origin}: ${err.message}\n`);
      resolve(1);
    });
    const stop = () => {
      req.destroy();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    req.end();
  });
}
