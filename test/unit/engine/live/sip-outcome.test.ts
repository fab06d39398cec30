import { describe, expect, it } from 'vitest';
import { outcomeOfFailure, q850CauseOf } from '../../../../src/engine/live/sip-outcome.js';

describe('SIP final response to destination outcome (P2)', () => {
  it.each([
    [486, undefined, 'busy'],
    [600, undefined, 'busy'],
    [603, undefined, 'busy'],
    [480, undefined, 'noAnswer'],
    [408, undefined, 'noAnswer'],
    [404, undefined, 'unreachable'],
    [484, undefined, 'unreachable'],
    [403, undefined, 'unreachable'],
    [503, undefined, 'congestion'],
    [500, undefined, 'congestion'],
    [480, 31, 'cause31'],
    [503, 17, 'busy'],
    [480, 19, 'noAnswer'],
    [404, 34, 'congestion'],
    [486, 999, 'busy'],
  ] as const)('status %i with Q.850 cause %s is %s', (status, cause, outcome) => {
    expect(outcomeOfFailure(status, cause)).toBe(outcome);
  });

  it('reads the Q.850 cause of a Reason header and ignores SIP reasons', () => {
    expect(
      q850CauseOf(['SIP;cause=200;text="Call completed elsewhere"', 'Q.850;cause=31;text="Normal"']),
    ).toBe(31);
    expect(q850CauseOf(['q.850 ; cause = 17'])).toBe(17);
    expect(q850CauseOf(['SIP;cause=487'])).toBeUndefined();
    expect(q850CauseOf([])).toBeUndefined();
  });
});
