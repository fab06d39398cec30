import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { isAppError } from '../../../src/errors/index.js';

describe('VMS_CLOCK_START', () => {
  it('is unset by default: live calls use real time', () => {
    expect(loadConfig({}).clockStartMs).toBeUndefined();
  });

  it('reads a time without offset as Brussels time, and one with an offset exactly', () => {
    expect(loadConfig({ VMS_CLOCK_START: '2026-03-30T10:00' }).clockStartMs).toBe(
      Date.parse('2026-03-30T08:00:00Z'),
    );
    expect(loadConfig({ VMS_CLOCK_START: '2026-03-29T10:00:00Z' }).clockStartMs).toBe(
      Date.parse('2026-03-29T10:00:00Z'),
    );
  });

  it('stops the start-up with CONFIG_INVALID naming the variable on a bad time', () => {
    let error: unknown;
    try {
      loadConfig({ VMS_CLOCK_START: 'next monday' });
    } catch (err) {
      error = err;
    }
    expect(isAppError(error, 'CONFIG_INVALID') && error.message).toContain('VMS_CLOCK_START');
  });
});
