import { connect as netConnect, type Socket } from 'node:net';
import type Docker from 'dockerode';
import { ReadCoalescer } from '../util/read-coalescer.js';
import { loadTls } from '../util/tls.js';

/**
 * `GET /containers/{id}/logs` asked over HTTP/1.0. The engine then streams the body as it is,
 * closed by EOF, instead of one HTTP chunk per log frame (it flushes each frame): that spares the
 * chunked parser, the largest single cost of reading logs in Node (~8 % of the agent's CPU at full
 * rate). Every other Docker call goes through dockerode; this one request is hand-made because
 * neither dockerode nor node:http can ask for HTTP/1.0.
 *
 * The body is the raw multiplexed (or TTY) stream, fed to LogStreamReader unchanged.
 */
export interface LogStream {
  readonly socket: Socket;
  /**
   * Where body bytes go from now on, starting (synchronously, here) with those that arrived with the
   * response head; after that hand-over nothing keeps them. Over unix and tcp sockets every read
   * lands in one reused buffer (net's `onread`: no allocation and no stream machinery per read, which
   * is most of the cost when many containers each write a line now and then), shared by every log
   * stream, so `reader` must not keep a reference to a chunk after it returns (LogStreamReader
   * copies what it keeps).
   */
  setReader(reader: (chunk: Buffer) => void): void;
}

const READ_BUFFER_BYTES = 64 * 1024;
/**
 * The one read buffer of every log stream. libuv fills it for one socket's read and node hands it to
 * that socket's callback before any other read, all on the event loop's thread; the callback consumes
 * it synchronously. One buffer per stream cost 64 KiB each (200 containers: 12.5 MiB, resident once
 * a read filled it); a shared one costs 64 KiB in all.
 */
let sharedReadBuffer: Buffer | undefined;

/**
 * Every log stream's reads feed one coalescer: it is about the process's one event loop.
 * - napMs 5: with 200 containers writing 10 lines/s each (Node 24), a nap of 5 ms after each quiet
 *   turn took the agent from 11.4-11.9 % of a core to 8.0-8.1 % in one series, 12-13 % to 9-10 % in
 *   another (2 ms: 8.8-9.0 %, 10 ms: 7.5-9.1 %: little more for twice the wait).
 * - quietBytes 32 KiB: half the read buffer; a turn that read that much has a backlog to get through.
 * - holdMs 250: a backlog's stream keeps reading in quick succession, so the hold keeps being renewed
 *   while it lasts; 250 ms after it, the naps resume. In the bench's floods (1 and 20 containers,
 *   300k lines), 0-1 naps in all.
 */
export const logReadCoalescer = new ReadCoalescer({ napMs: 5, quietBytes: 32 * 1024, holdMs: 250 });

export class LogRequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface LogTarget {
  socketPath?: string;
  host?: string;
  port?: number;
  tls?: { ca?: string | string[]; cert?: string; key?: string; rejectUnauthorized: boolean };
  version?: string; // 'v1.41'
}

/** The connection target of a dockerode client (its modem's resolved options). */
export function targetOf(docker: Docker): LogTarget {
  const m = docker.modem as unknown as {
    socketPath?: string;
    host?: string;
    port?: string | number;
    protocol?: string;
    ca?: string | string[];
    cert?: string;
    key?: string;
    version?: string;
    checkServerIdentity?: unknown;
  };
  if (m.socketPath && typeof m.socketPath === 'string') return { socketPath: m.socketPath, ...(m.version ? { version: m.version } : {}) };
  return {
    ...(m.host ? { host: m.host } : {}),
    port: Number(m.port ?? 2375),
    ...(m.protocol === 'https' ? { tls: { ...(m.ca ? { ca: m.ca } : {}), ...(m.cert ? { cert: m.cert } : {}), ...(m.key ? { key: m.key } : {}), rejectUnauthorized: !m.checkServerIdentity } } : {}),
    ...(m.version ? { version: m.version } : {}),
  };
}

const HEAD_LIMIT = 64 * 1024;
const EMPTY = Buffer.alloc(0);

export function openLogStream(target: LogTarget, pathAndQuery: string, signal: AbortSignal): Promise<LogStream> {
  return new Promise((resolve, reject) => {
    // Bytes go to `deliver`, swapped from the head parser to the body's reader once the head is read.
    let deliver: (chunk: Buffer) => void = () => undefined;
    sharedReadBuffer ??= Buffer.allocUnsafe(READ_BUFFER_BYTES);
    const noteRead = logReadCoalescer.stream();
    const onread = { buffer: sharedReadBuffer, callback: (n: number, buf: Uint8Array): boolean => (noteRead(n), deliver((buf as Buffer).subarray(0, n)), true) };
    const socket: Socket = target.socketPath
      ? netConnect({ path: target.socketPath, onread })
      : target.tls
        ? loadTls().connect({ host: target.host, port: target.port!, ...target.tls, ...(target.host && !/^[\d.:]+$/.test(target.host) ? { servername: target.host } : {}) })
        : netConnect({ host: target.host, port: target.port!, onread });
    if (target.tls) socket.on('data', (chunk: Buffer) => (noteRead(chunk.length), deliver(chunk)));
    const path = (target.version ? `/${target.version}` : '') + pathAndQuery;
    let head: Buffer = EMPTY;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(err);
    };
    const onAbort = () => fail(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('error', fail);
    socket.once(target.tls ? 'secureConnect' : 'connect', () => {
      socket.write(`GET ${path} HTTP/1.0\r\nHost: docker\r\nUser-Agent: sluice\r\n\r\n`);
    });
    deliver = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]); // a copy: the read buffer is reused
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > HEAD_LIMIT) fail(new Error('Docker sent an oversized response head'));
        return;
      }
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1', 0, Math.min(end, 32)))?.[1] ?? 0);
      let rest: Buffer | undefined = head.subarray(end + 4);
      // The read that completed the head may also hold a backlog's worth of body (up to the read
      // buffer's 64 KiB). This scope lives as long as the socket (its read callback calls `deliver`),
      // so it lets go of those bytes once handed over: held here, 100 containers restarted with
      // backlogs kept 2.1-3.3 MB of them for as long as their streams ran.
      head = EMPTY;
      if (status === 200) {
        settled = true;
        signal.removeEventListener('abort', onAbort);
        socket.pause();
        socket.removeListener('error', fail);
        deliver = () => undefined;
        resolve({
          socket,
          setReader: (r) => {
            deliver = r;
            const first = rest;
            rest = undefined;
            if (first !== undefined && first.length > 0) r(first);
          },
        });
        return;
      }
      // An error answer: read its (small) JSON body to the end for the message.
      const parts: Buffer[] = [rest];
      rest = undefined;
      deliver = (d) => parts.push(Buffer.from(d));
      socket.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let message = text.trim();
        try {
          message = (JSON.parse(text) as { message?: string }).message ?? message;
        } catch {
          // not JSON: keep the text
        }
        fail(new LogRequestError(status, `(HTTP code ${status}) ${message}`));
      });
      socket.resume();
    };
  });
}
