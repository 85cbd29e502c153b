/**
 * Exponential backoff with full jitter ("decorrelated" enough for a fleet of agents not to
 * retry in lockstep): attempt 1 waits in [initial/2, initial], each next attempt doubles, capped at max.
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
