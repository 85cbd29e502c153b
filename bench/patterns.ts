/**
 * Pattern micro-bench (issue 17): the cost per line of a filter or multiline pattern, V8's
 * backtracking engine beside the engine sluice compiles it to (src/util/regex.ts: re2js, or V8 for
 * the provably linear shape), on realistic ~110-byte log lines; then the classic super-linear
 * patterns, where V8's time grows exponentially with the line and sluice's linearly.
 * Run alone with `npx tsx bench/patterns.ts`; `npm run bench` prints it first.
 */
import { compileLineFilter } from '../src/util/pattern.js';
import type { CompiledRegex } from '../src/util/regex.js';

const LINES = Array.from({ length: 1000 }, (_, i) => `2026-12-02T02:00:00.${String(i).padStart(6, '0')}Z INFO request ${i} served in ${i % 97}ms path=/api/v1/items/${i} user=alice`);

function nsPerLine(test: (s: string) => boolean): number {
  let hits = 0;
  for (let k = 0; k < 30; k++) for (const l of LINES) hits += test(l) ? 1 : 0; // warm up
  const rounds = 200;
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < rounds; k++) for (const l of LINES) hits += test(l) ? 1 : 0;
  const ns = Number(process.hrtime.bigint() - t0) / (rounds * LINES.length);
  return hits < 0 ? -1 : ns; // `hits` keeps the loop from being optimised away
}

function timeMs(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export function patternTables(): { head: string[]; rows: string[][] }[] {
  const filters = ['/ERROR|WARN/', '/^\\d{4}-\\d{2}-\\d{2}T/', '/error/i', '/status=5\\d\\d/', '/took \\d+ms/', '/user=\\w+$/', '/ERROR.*timeout/', 'healthcheck'];
  const rows = filters.map((src) => {
    const m = /^\/(.*)\/([a-z]*)$/.exec(src);
    const v8 = m ? new RegExp(m[1]!, m[2]) : null;
    const c = compileLineFilter(src) as Partial<CompiledRegex> & { test(s: string): boolean };
    const engine = c.engine ?? 'substring';
    const plain = v8 ? (s: string) => v8.test(s) : (s: string) => s.includes(src);
    const compiled = (s: string) => c.test(s);
    // Best of three, alternating, so a noisy moment or a JIT tier-up does not favour one side.
    let a = Infinity;
    let b = Infinity;
    for (let k = 0; k < 3; k++) {
      a = Math.min(a, nsPerLine(plain));
      b = Math.min(b, nsPerLine(compiled));
    }
    return [src, engine, a.toFixed(0), b.toFixed(0), (b / a).toFixed(1) + '×'];
  });
  const bait: [string, (n: number) => string][] = [
    ['(a+)+$', (n) => 'a'.repeat(n) + '!'],
    ['(a|a)*$x', (n) => 'a'.repeat(n)],
    ['(.*a){20}', (n) => 'a'.repeat(19) + 'b'.repeat(n)],
    ['(\\w+\\s?)*$!', (n) => 'ab '.repeat(Math.ceil(n / 3))],
  ];
  const classic = bait.map(([p, line]) => {
    const v8 = new RegExp(p);
    const c = compileLineFilter(`/${p}/`);
    // V8 on growing lines until one takes over 100 ms (a 64 KiB line would never finish).
    let n = 8;
    let ms = 0;
    while (n < 65536 && (ms = timeMs(() => v8.test(line(n)))) < 100) n += 1;
    const big = line(65536);
    return [p, `${ms.toFixed(0)} ms at ${n} chars`, `${timeMs(() => c.test(big)).toFixed(1)} ms`];
  });
  return [
    { head: ['filter (on ~110-byte lines)', 'sluice engine', 'V8 ns/line', 'sluice ns/line', 'sluice / V8'], rows },
    { head: ['classic super-linear pattern', 'V8 (backtracking)', 'sluice on a 64 KiB line'], rows: classic },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const t of patternTables()) {
    const w = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(w[i]!)).join(' | ') + ' |';
    console.log([line(t.head), '|' + w.map((x) => '-'.repeat(x + 2)).join('|') + '|', ...t.rows.map(line)].join('\n') + '\n');
  }
}
