import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';

export interface ContainerEvent {
  action: string; // create | start | die | destroy | rename
  id: string;
  timeNano: string;
}

/**
 * Follows `GET /events` for container create/start/die/destroy/rename. Podman's compatible API names the
 * removal `remove` where Docker says `destroy`; it is asked for too and reported as `destroy`. The stream is NDJSON cut anywhere,
 * so lines are split with a carry-over (never JSON.parse a chunk). Resolves when the stream ends or
 * fails: the caller reconnects and re-lists, since the engine replays only its last 256 events.
 */
export async function followEvents(
  docker: Docker,
  since: string | undefined,
  signal: AbortSignal,
  onEvent: (e: ContainerEvent) => void,
  onOpen: () => void,
  /** An event line that is not JSON, or names no container or action (counted by the caller). */
  onMalformed: (text: string) => void = () => undefined,
): Promise<Error | undefined> {
  let stream: IncomingMessage;
  try {
    stream = (await docker.getEvents({
      filters: { type: ['container'], event: ['create', 'start', 'die', 'destroy', 'rename', 'remove'] },
      ...(since ? { since } : {}),
      abortSignal: signal,
    } as Docker.GetEventsOptions)) as unknown as IncomingMessage;
  } catch (err) {
    return err as Error;
  }
  onOpen();
  return new Promise((resolve) => {
    let carry = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      carry += chunk;
      let nl: number;
      while ((nl = carry.indexOf('\n')) >= 0) {
        const text = carry.slice(0, nl).trim();
        carry = carry.slice(nl + 1);
        if (!text) continue;
        try {
          const ev = JSON.parse(text) as { Action?: string; status?: string; id?: string; Actor?: { ID?: string }; timeNano?: number };
          const id = ev.Actor?.ID ?? ev.id;
          const action = ev.Action ?? ev.status;
          if (id && action) onEvent({ action: action === 'remove' ? 'destroy' : action, id, timeNano: String(ev.timeNano ?? '') });
          else onMalformed(text);
        } catch {
          // Not JSON: the caller counts it and re-lists, which reconciles whatever it described.
          onMalformed(text);
        }
      }
    });
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      resolve(err);
    };
    stream.on('end', () => finish(new Error('the Docker event stream ended')));
    stream.on('error', (err) => finish(err));
    stream.on('close', () => finish(new Error('the Docker event stream closed')));
  });
}

/** `1764140000123456789` (timeNano) → `1764140000.123456789` for `since`. */
export function nanoToSince(timeNano: string): string | undefined {
  if (!/^\d{10,}$/.test(timeNano)) return undefined;
  return `${timeNano.slice(0, -9)}.${timeNano.slice(-9)}`;
}
