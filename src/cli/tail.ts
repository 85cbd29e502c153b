/**
 * `sluice tail [--api URL] [--token T] [--name X] [--label k=v] [--source S] [--route R] [--json] [--raw]`:
 * follows a running agent's /logs stream and prints it (text `name source | line`, or NDJSON with
 * --json). Filters repeat: several --name/--route match any, several --label must all hold.
 * The token may come from SLUICE_API_TOKEN instead of the command line (which `ps` shows).
 *
 * Text is rendered here from the NDJSON stream (which carries every byte of the line exactly): on a
 * terminal, control characters are shown escaped (`\x1b[2J` as text, src/util/control.ts) so a
 * container cannot drive the operator's terminal; piped, or with --raw, the line's bytes are kept.
 */
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { formatText } from '../sinks/console.js';

const USAGE = 'usage: sluice tail [--api URL] [--token T] [--name X] [--label k=v] [--source stdout|stderr] [--route R] [--json] [--raw]\n';
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
        raw: { type: 'boolean' },
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
  const headers: Record<string, string> = { accept: 'application/x-ndjson' };
  if (token) headers.authorization = `Bearer ${token}`;
  const render = values.json ? null : { escape: !values.raw && process.stdout.isTTY === true };
  return follow(url, headers, render);
}

/**
 * NDJSON from /logs → text lines. A record prints as `name source | line`; the agent's notice that
 * this client fell behind (`{"dropped":n}`) as a `# sluice:` comment line, as the text format has it.
 */
export function ndjsonToText(escape: boolean): Transform {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const render = (json: string): string => {
    let v: { line?: unknown; source?: unknown; container?: { name?: unknown }; dropped?: unknown };
    try {
      v = JSON.parse(json) as typeof v;
    } catch {
      return `# sluice: unreadable record from the agent\n`;
    }
    if (typeof v.dropped === 'number') return `# sluice: ${v.dropped} lines dropped (this client read too slowly)\n`;
    return formatText(String(v.container?.name ?? ''), String(v.source ?? ''), String(v.line ?? ''), escape) + '\n';
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop()!;
      let out = '';
      for (const l of lines) if (l.length > 0) out += render(l);
      done(null, out);
    },
    flush(done) {
      const last = rest + decoder.end();
      done(null, last.length > 0 ? render(last) : '');
    },
  });
}

function follow(url: URL, headers: Record<string, string>, render: { escape: boolean } | null): Promise<number> {
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
      if (render) {
        const text = ndjsonToText(render.escape);
        res.pipe(text).pipe(process.stdout, { end: false });
        text.on('end', () => resolve(0));
      } else {
        res.pipe(process.stdout, { end: false });
        res.on('end', () => resolve(0));
      }
      // The connection broke before the agent ended the stream (agent killed, network cut): say
      // so and exit 1, so a script or supervisor can tell it from a clean end (exit 0).
      res.on('error', (err) => {
        if (stopped) return;
        process.stderr.write(`sluice tail: the stream from ${url.origin} broke: ${err.message}\n`);
        resolve(1);
      });
    });
    req.on('error', (err) => {
      process.stderr.write(`sluice tail: cannot reach ${url.origin}: ${err.message}\n`);
      resolve(1);
    });
    let stopped = false;
    const stop = () => {
      stopped = true;
      req.destroy();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    req.end();
  });
}
