/**
 * Micro-benchmark of the byte path alone (demux → line assembler → string), no Docker, no I/O:
 * 1M lines of 100 bytes (99 + \n) in Docker's framing with timestamps, fed in 64 KiB chunks.
 * Prints lines/s and CPU µs per line, framed and TTY. Not a test: `npx tsx bench/reader.ts`.
 */
import { LogStreamReader } from '../src/docker/lines.js';

const LINES = 1_000_000;
const BLOCK = 10_000; // lines per generated block; the block is replayed LINES / BLOCK times
const CHUNK = 64 * 1024;

function block(tty: boolean): Buffer[] {
  const parts: Buffer[] = [];
  const text = 'x'.repeat(60);
  for (let i = 0; i < BLOCK; i++) {
    const ts = `2026-11-24T07:49:40.${String(i).padStart(9, '0')}Z`;
    const body = `${ts} line ${String(i).padStart(8, '0')} ${text}`.padEnd(ts.length + 1 + 99, '.');
    const p = Buffer.from(tty ? `${body.slice(0, -1)}\r\n` : `${body}\n`);
    if (tty) parts.push(p);
    else {
      const h = Buffer.alloc(8);
      h[0] = i % 5 === 0 ? 2 : 1;
      h.writeUInt32BE(p.length, 4);
      parts.push(h, p);
    }
  }
  const all = Buffer.concat(parts);
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += CHUNK) chunks.push(all.subarray(i, i + CHUNK));
  return chunks;
}

function run(tty: boolean): void {
  const chunks = block(tty);
  let lines = 0;
  let chars = 0;
  const reader = new LogStreamReader({ tty, partialMerge: true, maxLineBytes: 256 * 1024 }, (_s, time, line) => {
    lines++;
    chars += line.length + time.length;
  });
  for (let w = 0; w < 5; w++) for (const c of chunks) reader.push(c); // warm up the JIT
  lines = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < LINES / BLOCK; r++) for (const c of chunks) reader.push(c);
  const ns = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  reader.end();
  if (lines !== LINES) throw new Error(`expected ${LINES} lines, got ${lines}`);
  const cpuUs = cpu.user + cpu.system;
  console.log(
    `${tty ? 'tty   ' : 'framed'}: ${Math.round(lines / (ns / 1e9)).toLocaleString('en')} lines/s, ` +
      `${(cpuUs / lines).toFixed(3)} µs CPU/line (${(ns / 1e6).toFixed(0)} ms wall, ${chars} chars)`,
  );
}

run(false);
run(true);
