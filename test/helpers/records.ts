/**
 * LogRecord fixtures for tests: `makeRecord({ line: 'x' })` fills every other field with plausible
 * values. Acks go to a no-op AckSink (sinks never settle; routes do).
 */
import type { AckSink, ContainerInfo, LogRecord } from '../../src/core/record.js';

export const noopAcks: AckSink = { retain() {}, settle() {} };

export const TEST_CONTAINER: ContainerInfo = Object.freeze({
  id: '4f66ad9a0b2e3c1d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5',
  name: 'web-1',
  image: 'example/web:1.2',
  labels: Object.freeze({ team: 'payments', 'com.example.role': 'api' }),
  hostname: '4f66ad9a0b2e',
  tty: false,
  logDriver: 'json-file',
  logspoutIgnore: false,
});

export type RecordPartial = Partial<Omit<LogRecord, 'container'>> & { container?: Partial<ContainerInfo> };

let seq = 0;

export function makeRecord(partial: RecordPartial = {}): LogRecord {
  const { container, ...rest } = partial;
  const source = rest.source ?? 'stdout';
  return {
    time: '2024-05-06T07:08:09.123456789Z',
    line: 'hello world',
    source,
    host: 'node-a',
    tags: [],
    truncated: false,
    acks: [{ tracker: noopAcks, stream: source, seq: seq++ }],
    ...rest,
    container: { ...TEST_CONTAINER, ...container },
  };
}

/** `n` records whose lines are `${prefix}${i}` (numbered, for loss/duplicate checks). */
export function numberedRecords(n: number, prefix = 'line-', partial: RecordPartial = {}): LogRecord[] {
  const out: LogRecord[] = [];
  for (let i = 0; i < n; i++) out.push(makeRecord({ ...partial, line: `${prefix}${i}` }));
  return out;
}
