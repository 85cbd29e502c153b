/** One frame of Docker's multiplexed log stream: type (1 stdout, 2 stderr), 3 zero bytes, length (big-endian), payload. */
export function frame(type: number, payload: string | Buffer): Buffer {
  const p = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const h = Buffer.alloc(8);
  h[0] = type;
  h.writeUInt32BE(p.length, 4);
  return Buffer.concat([h, p]);
}
