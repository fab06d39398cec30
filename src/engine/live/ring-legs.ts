import type { DestinationOutcome, Millis } from '../../plan/types.js';
import type { ClientLeg, ClientLegResult, SessionBody } from '../../sip/b2bua/index.js';
import type { RingResult } from '../ports.js';
import { outcomeOfFailure, q850CauseOf } from './sip-outcome.js';

export interface RingOutcome {
  readonly result: RingResult;
  /** The leg that answered, and the body of its 2xx (the callee's answer SDP). */
  readonly winner?: { readonly leg: ClientLeg; readonly session: SessionBody };
}

/** When every leg failed, the outcome that says most about the destination wins (a busy callee first). */
const RANK: Readonly<Record<DestinationOutcome, number>> = {
  answered: 6,
  busy: 5,
  noAnswer: 4,
  cause31: 3,
  congestion: 2,
  unreachable: 1,
  interrupted: 0,
};

/**
 * P3: waits for the started legs: the first 2xx wins and the others are cancelled (or ACKed and sent BYE
 * when their 2xx crosses our CANCEL); the ring timeout and the caller leaving cancel them all.
 */
export function ringLegs(
  legs: readonly { leg: ClientLeg; number: string }[],
  ringTimeout: Millis,
  callerGone: Promise<void>,
): Promise<RingOutcome> {
  return new Promise((resolve) => {
    let open = legs.length;
    let best: RingResult | undefined;
    let done = false;
    const finish = (outcome: RingOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const { leg } of legs) if (leg !== outcome.winner?.leg) leg.hangup();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ result: timedOut(legs, ringTimeout) }), ringTimeout);
    callerGone.then(() =>
      finish({ result: { outcome: 'interrupted', reason: 'caller hung up while ringing' } }),
    );
    for (const { leg, number } of legs) {
      leg.result.then((r) => {
        if (done) {
          if (r.kind === 'answered') leg.hangup();
          return;
        }
        if (r.kind === 'answered') {
          const result = {
            outcome: 'answered' as const,
            answeredBy: number,
            sipStatus: r.status,
            reason: `${r.status} ${r.reason}`,
          };
          finish({ result, winner: { leg, session: r.session } });
          return;
        }
        const failed = failureOf(r, number);
        if (!best || RANK[failed.outcome] > RANK[best.outcome]) best = failed;
        if (--open === 0) finish({ result: best });
      });
    }
  });
}

/** A destination that never said anything (not even 100 Trying) is unreachable, not unanswered. */
function timedOut(legs: readonly { leg: ClientLeg }[], ringTimeout: Millis): RingResult {
  if (legs.some(({ leg }) => leg.responded))
    return { outcome: 'noAnswer', reason: `ring timeout ${ringTimeout} ms` };
  return { outcome: 'unreachable', reason: `no response within the ring timeout (${ringTimeout} ms)` };
}

function failureOf(r: Exclude<ClientLegResult, { kind: 'answered' }>, number: string): RingResult {
  switch (r.kind) {
    case 'rejected': {
      const { status, reason } = r.response;
      const cause = q850CauseOf(r.response.headers.getAll('reason'));
      const because = `${number}: ${status} ${reason}${cause === undefined ? '' : ` (Q.850 cause ${cause})`}`;
      return {
        outcome: outcomeOfFailure(status, cause),
        sipStatus: status,
        ...(cause !== undefined && { q850Cause: cause }),
        reason: because,
      };
    }
    case 'timeout':
      return { outcome: 'unreachable', reason: `${number}: no final response (Timer B)` };
    case 'unreachable':
      return { outcome: 'unreachable', reason: `${number}: ${r.error.message}` };
    default:
      return { outcome: 'noAnswer', reason: `${number}: cancelled` };
  }
}
