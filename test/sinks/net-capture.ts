/**
 * Minimal loopback peers for sink tests that need bytes rather than a real product: a TCP or TLS
 * server that keeps everything it receives, a UDP socket that keeps every datagram, and a "black
 * hole" that accepts connections and then neither reads nor answers (for abort and timeout tests).
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer as createTcp, type Server, type Socket } from 'node:net';
import { createServer as createTls } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';

export class StreamCapture {
  readonly chunks: Buffer[] = [];
  readonly #sockets = new Set<Socket>();
  port = 0;
  private constructor(readonly server: Server) {}

  static start(tls?: { cert: string; key: string }): Promise<StreamCapture> {
    return StreamCapture.startOn(0, tls);
  }

  static async startOn(port: number, tls?: { cert: string; key: string }): Promise<StreamCapture> {
    let cap!: StreamCapture;
    const onConn = (s: Socket): void => {
      cap.#sockets.add(s);
      s.on('data', (d: Buffer) => cap.chunks.push(d));
      s.on('error', () => undefined);
      s.on('close', () => cap.#sockets.delete(s));
    };
    const server = tls ? createTls({ cert: tls.cert, key: tls.key }, onConn) : createTcp(onConn);
    cap = new StreamCapture(server);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    cap.port = (server.address() as { port: number }).port;
    return cap;
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  async waitForBytes(n: number, timeoutMs = 3000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (this.bytes.length < n && Date.now() < deadline) await sleep(10);
    return this.bytes;
  }

  async waitFor(pred: (b: Buffer) => boolean, timeoutMs = 3000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.bytes) && Date.now() < deadline) await sleep(10);
    return this.bytes;
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

export class UdpCapture {
  readonly datagrams: Buffer[] = [];
  port = 0;
  private constructor(readonly socket: UdpSocket) {}

  static async start(): Promise<UdpCapture> {
    const s = createSocket('udp4');
    const cap = new UdpCapture(s);
    s.on('message', (m) => cap.datagrams.push(m));
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    cap.port = s.address().port;
    return cap;
  }

  async waitFor(n: number, timeoutMs = 3000): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.datagrams.length < n && Date.now() < deadline) await sleep(10);
    return this.datagrams;
  }

  close(): Promise<void> {
    return new Promise((r) => this.socket.close(() => r()));
  }
}

/** Accepts TCP connections and never reads from them: writes stall once the kernel buffers fill. */
export class BlackHole {
  readonly #sockets = new Set<Socket>();
  port = 0;
  private constructor(readonly server: Server) {}

  static async start(): Promise<BlackHole> {
    let bh!: BlackHole;
    const server = createTcp({ pauseOnConnect: true }, (s) => {
      bh.#sockets.add(s);
      s.on('error', () => undefined);
    });
    bh = new BlackHole(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    bh.port = (server.address() as { port: number }).port;
    return bh;
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

/** Splits an octet-counted stream (`LEN SP MSG`…) into messages; throws on a malformed frame. */
export function parseOctetFrames(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  while (i < buf.length) {
    const sp = buf.indexOf(0x20, i);
    if (sp < 0) throw new Error(`no SP after offset ${i}`);
    const lenText = buf.subarray(i, sp).toString('latin1');
    if (!/^[1-9]\d*$/.test(lenText)) throw new Error(`bad MSG-LEN ${JSON.stringify(lenText)} at ${i}`);
    const len = Number(lenText);
    if (sp + 1 + len > buf.length) throw new Error(`frame at ${i} runs past the end`);
    out.push(buf.subarray(sp + 1, sp + 1 + len));
    i = sp + 1 + len;
  }
  return out;
}

/** Splits a newline-framed stream into messages (the stream must end with LF). */
export function parseNewlineFrames(buf: Buffer): Buffer[] {
  const text = buf.toString('utf8');
  if (text.length && !text.endsWith('\n')) throw new Error('stream does not end with LF');
  return text ? text.slice(0, -1).split('\n').map((l) => Buffer.from(l, 'utf8')) : [];
}

/** The inverse of sinks/text.ts escapeLine for a line that needed escaping. */
export function unescapeLine(s: string): string {
  return s.replace(/\\(n|r|0|\\)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === '0' ? '\0' : '\\'));
}
