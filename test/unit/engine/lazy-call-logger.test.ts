import { Writable } from 'node:stream';
import { expect, test, vi } from 'vitest';
import { LazyCallLogger } from '../../../src/engine/lazy-call-logger.js';
import { createRootLogger } from '../../../src/log/logger.js';

const FIELDS = { callId: 'c1', caller: '+3222123456', called: '+3278000001', plan: 'main' };

function capture(level: string): { root: ReturnType<typeof createRootLogger>; lines: object[] } {
  const lines: object[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as object);
      done();
    },
  });
  return { root: createRootLogger(level, sink), lines };
}

test('messages below the level create no child logger and write nothing', () => {
  const { root, lines } = capture('warn');
  const child = vi.spyOn(root, 'child');
  const log = new LazyCallLogger(root, FIELDS);
  log.info({ node: 'n1' }, 'node done');
  log.debug('details');
  expect(child).not.toHaveBeenCalled();
  expect(lines).toEqual([]);
});

test('an enabled message is written once with the call fields, through one child logger', () => {
  const { root, lines } = capture('info');
  const child = vi.spyOn(root, 'child');
  const log = new LazyCallLogger(root, FIELDS);
  log.info({ node: 'n1' }, 'node done');
  log.warn('second');
  expect(child).toHaveBeenCalledTimes(1);
  expect(lines).toEqual([
    expect.objectContaining({ ...FIELDS, node: 'n1', msg: 'node done' }),
    expect.objectContaining({ ...FIELDS, msg: 'second' }),
  ]);
});

test('child loggers of the call logger keep the call fields', () => {
  const { root, lines } = capture('info');
  new LazyCallLogger(root, FIELDS).child({ leg: 'b' }).info('ringing');
  expect(lines).toEqual([expect.objectContaining({ ...FIELDS, leg: 'b', msg: 'ringing' })]);
});
