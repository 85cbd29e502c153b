import { collectStartupGarbage } from '../../src/runtime/settle-gc.js';

/**
 * `process.memoryUsage().arrayBuffers` above `before` once garbage is collected. V8 gives freed
 * ArrayBuffer memory back in a sweep that runs after the GC, on another thread, so one reading
 * straight after `gc()` can still count buffers already unreachable (CI once read 1023 KiB where
 * a later reading gives 0). Collects and reads again until the figure is under `limit` or `ms`
 * pass; returns the last reading.
 */
export async function arrayBuffersAfterGc(before: number, limit: number, ms = 3000): Promise<number> {
  const end = Date.now() + ms;
  for (;;) {
    if (!collectStartupGarbage()) throw new Error('gc is not reachable');
    const held = process.memoryUsage().arrayBuffers - before;
    if (held < limit || Date.now() > end) return held;
    await new Promise((r) => setTimeout(r, 50));
  }
}
