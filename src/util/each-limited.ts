/**
 * Runs `fn` on every item, at most `limit` calls in flight at a time, in the items' order of start.
 * Resolves when all are done; rejects with the first error (the calls already started still run).
 */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
