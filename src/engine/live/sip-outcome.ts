/**
 * P2: the one table from a destination's SIP final response (and Q.850 cause, RFC 3326 Reason header) to
 * the plan's destination outcomes. The way back (outcome -> status for an unanswered caller) is
 * engine/release-status.ts. The README prints both tables; change them together.
 */
import type { DestinationOutcome } from '../../plan/types.js';

/** Q.850 cause -> outcome. A cause in a Reason header decides before the SIP status does. */
const Q850_OUTCOMES: ReadonlyMap<number, DestinationOutcome> = new Map([
  [17, 'busy'], // user busy
  [21, 'busy'], // call rejected
  [18, 'noAnswer'], // no user responding
  [19, 'noAnswer'], // no answer from user (user alerted)
  [1, 'unreachable'], // unallocated (unassigned) number
  [3, 'unreachable'], // no route to destination
  [20, 'unreachable'], // subscriber absent
  [22, 'unreachable'], // number changed
  [27, 'unreachable'], // destination out of order
  [28, 'unreachable'], // invalid number format
  [31, 'cause31'], // normal, unspecified
  [34, 'congestion'], // no circuit/channel available
  [38, 'congestion'], // network out of order
  [41, 'congestion'], // temporary failure
  [42, 'congestion'], // switching equipment congestion
  [44, 'congestion'], // requested circuit/channel not available
  [47, 'congestion'], // resource unavailable, unspecified
]);

/** SIP status -> outcome when no known Q.850 cause came with it. */
const STATUS_OUTCOMES: ReadonlyMap<number, DestinationOutcome> = new Map([
  [486, 'busy'],
  [600, 'busy'],
  [603, 'busy'],
  [408, 'noAnswer'],
  [480, 'noAnswer'],
  [404, 'unreachable'],
  [410, 'unreachable'],
  [484, 'unreachable'],
  [485, 'unreachable'],
  [604, 'unreachable'],
  [500, 'congestion'],
  [502, 'congestion'],
  [503, 'congestion'],
  [504, 'congestion'],
]);

/** The Q.850 cause of a Reason header value (`Q.850;cause=31;text="..."`), if any (RFC 3326 §2). */
export function q850CauseOf(reasonHeaders: readonly string[]): number | undefined {
  for (const value of reasonHeaders) {
    const m = /^\s*Q\.850\s*;(?:.*;)?\s*cause\s*=\s*(\d+)/i.exec(value);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** Outcome of a final response >= 300 from a destination. Other 4xx: unreachable; 5xx: congestion; 6xx: busy. */
export function outcomeOfFailure(status: number, q850Cause: number | undefined): DestinationOutcome {
  const byCause = q850Cause === undefined ? undefined : Q850_OUTCOMES.get(q850Cause);
  if (byCause) return byCause;
  const byStatus = STATUS_OUTCOMES.get(status);
  if (byStatus) return byStatus;
  if (status >= 600) return 'busy';
  if (status >= 500) return 'congestion';
  return 'unreachable';
}
