import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * One memory-reducing garbage collection once start-up is over. Loading the modules, reading the
 * config and the first container list leave garbage and a grown young generation behind; V8 gives
 * that back only through its memory reducer, which Node 20 runs once ~8 s after start and Node 24
 * (what the image ships) did not run at all in the bench's idle agent: its heap stayed at 21.6 MB
 * committed (14.3 used). A `last-resort` collection (V8's CollectAllAvailableGarbage: full GCs with
 * the reduce-memory flag, young generation shrunk, freed pages unmapped) brings it to 14.3 committed
 * once, for a 15-50 ms pause at a moment nothing is waiting.
 *
 * V8's `gc` is reached without exposing it to any code: the flag is set for one new context only
 * and cleared again. Where `gc` cannot be had at all, nothing happens.
 */
const V8_MAJOR = Number(process.versions.v8.split('.')[0]);

export function collectStartupGarbage(): boolean {
  let gc: ((opts: object) => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as typeof gc;
  } catch {
    gc = undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  if (typeof gc !== 'function') return false;
  // V8 11 (Node 20) reads these options otherwise (a young-generation GC); its plain gc() is a full
  // one. Node 20 runs its memory reducer ~8 s after start anyway.
  if (V8_MAJOR >= 12) gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  else (gc as () => void)();
  return true;
}

/** Runs collectStartupGarbage `afterMs` from now, unless the process is gone by then. */
export function scheduleStartupGc(afterMs: number): () => void {
  const t = setTimeout(collectStartupGarbage, afterMs);
  t.unref();
  return () => clearTimeout(t);
}
