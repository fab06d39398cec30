import { describe, expect, it } from 'vitest';
import { semiSpaceMib } from '../../../../src/engine/live/v8-tuning.js';

describe('semiSpaceMib', () => {
  it('is undefined when neither the command line nor NODE_OPTIONS sets it', () => {
    expect(semiSpaceMib(['--expose-gc'], undefined)).toBeUndefined();
    expect(semiSpaceMib([], '--max-old-space-size=4096')).toBeUndefined();
  });

  it('reads the flag with dashes or underscores, from either place', () => {
    expect(semiSpaceMib(['--max-semi-space-size=64'], undefined)).toBe(64);
    expect(semiSpaceMib([], '--inspect --max_semi_space_size=32')).toBe(32);
  });

  it('lets the command line win over NODE_OPTIONS, as node applies them in that order', () => {
    expect(semiSpaceMib(['--max-semi-space-size=8'], '--max-semi-space-size=32')).toBe(8);
  });

  it('ignores a malformed value rather than guessing', () => {
    expect(semiSpaceMib(['--max-semi-space-size=big'], undefined)).toBeUndefined();
  });
});
