import type { Destination } from '../config/types.js';
import type { Logger } from '../telemetry/logger.js';
import { createConsoleSink } from './console.js';
import { createHttpSink } from './http.js';
import { createMezmoSink } from './mezmo.js';
import { createRawSink } from './raw.js';
import type { Sink } from './sink.js';
import { createSyslogSink } from './syslog.js';

export interface SinkDeps {
  readonly logger: Logger;
  /** sluice's version, for the user-agent of HTTP requests. */
  readonly version?: string;
}

/**
 * The sink for a resolved destination. Building a sink opens nothing: connections are made on the
 * first send, so a destination that is down never fails a config load or a reload.
 */
export function createSink(dest: Destination, deps: SinkDeps): Sink {
  const version = deps.version ? { version: deps.version } : {};
  switch (dest.type) {
    case 'console':
      return createConsoleSink(dest);
    case 'http':
      return createHttpSink(dest, version);
    case 'mezmo':
      return createMezmoSink(dest, version);
    case 'syslog':
      return createSyslogSink(dest);
    case 'raw':
      return createRawSink(dest);
  }
}

export type { Sink, SendResult, ErrorKind } from './sink.js';
