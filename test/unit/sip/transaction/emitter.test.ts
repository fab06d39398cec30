import { expect, test } from 'vitest';
import { Emitter } from '../../../../src/sip/transaction/emitter.js';

interface Events {
  ping: [number];
  pong: [];
}

class Probe extends Emitter<Events> {
  readonly errors: unknown[] = [];
  fire<K extends keyof Events>(event: K, ...args: Events[K]): void {
    this.emit(event, ...args);
  }
  protected override onListenerError(err: unknown): void {
    this.errors.push(err);
  }
}

test('listeners hear only their own event, in registration order, with its arguments', () => {
  const probe = new Probe();
  const heard: string[] = [];
  probe.on('ping', (n) => heard.push(`a${n}`));
  probe.on('pong', () => heard.push('pong'));
  probe.on('ping', (n) => heard.push(`b${n}`));
  probe.fire('ping', 7);
  expect(heard).toEqual(['a7', 'b7']);
});

test('off removes one registration of that listener for that event only', () => {
  const probe = new Probe();
  const heard: string[] = [];
  const listener = (): number => heard.push('x');
  probe.on('pong', listener).on('pong', listener).on('ping', listener);
  probe.off('pong', listener);
  probe.fire('pong');
  probe.fire('ping', 1);
  expect(heard).toEqual(['x', 'x']);
});

test('a listener removed by an earlier one during an emit is still called for that emit', () => {
  const probe = new Probe();
  const heard: string[] = [];
  const second = (): number => heard.push('second');
  probe.on('pong', () => {
    heard.push('first');
    probe.off('pong', second);
  });
  probe.on('pong', second);
  probe.fire('pong');
  probe.fire('pong');
  expect(heard).toEqual(['first', 'second', 'first']);
});

test('a throwing listener is reported and the next listener still runs', () => {
  const probe = new Probe();
  const heard: number[] = [];
  probe.on('ping', () => {
    throw new Error('boom');
  });
  probe.on('ping', (n) => heard.push(n));
  probe.fire('ping', 3);
  expect(heard).toEqual([3]);
  expect(probe.errors).toHaveLength(1);
});
