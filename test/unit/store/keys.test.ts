import { describe, expect, it } from 'vitest';
import { storeKeys } from '../../../src/store/index.js';

describe('storeKeys', () => {
  it('puts every kind of key under the prefix, in its own segment', () => {
    const keys = storeKeys('vms:');
    expect([
      keys.slot('a'),
      keys.rate('a'),
      keys.queue('a'),
      keys.queueLeases('a'),
      keys.queueSequence('a'),
    ]).toEqual(['vms:slot:a', 'vms:rate:a', 'vms:queue:a', 'vms:queue-lease:a', 'vms:queue-seq:a']);
  });

  it('never lets a queue lease or sequence key look like a queue key to snapshot()', () => {
    const keys = storeKeys('vms:');
    expect(keys.queueLeases('q').startsWith(keys.queuePrefix)).toBe(false);
    expect(keys.queueSequence('q').startsWith(keys.queuePrefix)).toBe(false);
    expect(keys.queue('queue-lease:q').startsWith(keys.queuePrefix)).toBe(true);
  });

  it('escapes glob characters of the prefix in the SCAN pattern', () => {
    expect(storeKeys('a*[b]?:').pattern).toBe('a\\*\\[b\\]\\?:*');
    expect(storeKeys().pattern).toBe('vms:*');
  });
});
