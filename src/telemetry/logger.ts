import { pino, type Logger, type DestinationStream } from 'pino';
import { isoUtc } from '../delivery/time.js';

export type { Logger };

/**
 * sluice's own logs: JSON lines on stderr. Secrets travel as `Secret` (prints `[redacted]`);
 * the redact paths are a second net for header maps and URLs that reach a log call whole.
 */
export function createLogger(level: string = 'info', dest?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { name: 'sluice' },
      redact: {
        paths: ['headers.authorization', 'headers.Authorization', '*.headers.authorization', '*.headers.Authorization', 'key', 'token', 'password', '*.key', '*.token', '*.password'],
        censor: '[redacted]',
      },
      // pino's isoTime, without Date#toISOString (delivery/time.ts isoUtc says why).
      timestamp: () => `,"time":"${isoUtc(Date.now())}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    dest ?? pino.destination({ fd: 2, sync: false }),
  );
}

/** A logger that writes nothing (tests, CLI verbs that print their own output). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
