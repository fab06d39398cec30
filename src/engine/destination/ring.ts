/**
 * P1, P3: ring the destination's numbers. Parallel: one `ring` with every number, first answer wins.
 * Sequential (hunting): one `ring` per number until one answers or the caller leaves; the group's
 * outcome is the last attempt's.
 */
import type { DestinationNode } from '../../plan/types.js';
import type { CallContext } from '../call-context.js';
import type { RingResult } from '../ports.js';

export interface RingAttempt {
  readonly numbers: readonly string[];
  readonly outcome: RingResult['outcome'];
  readonly reason: string;
  readonly sipStatus?: number;
  readonly q850Cause?: number;
  readonly answeredBy?: string;
}

export async function ringNumbers(
  node: DestinationNode,
  numbers: readonly string[],
  ctx: CallContext,
): Promise<{ final: RingResult; attempts: RingAttempt[] }> {
  const { call } = ctx.ports;
  const groups = node.strategy === 'parallel' ? [numbers] : numbers.map((n) => [n]);
  const attempts: RingAttempt[] = [];
  let final: RingResult = { outcome: 'interrupted', reason: 'caller hung up before ringing' };
  for (const group of groups) {
    if (call.callerGone) {
      final = { outcome: 'interrupted', reason: 'caller hung up during hunting' };
      break;
    }
    ctx.rang.push(...group);
    final = await call.ring(group, { parallel: node.strategy === 'parallel', ringTimeout: node.ringTimeout });
    attempts.push({ numbers: group, ...final });
    if (final.outcome === 'answered' || final.outcome === 'interrupted') break;
  }
  return { final, attempts };
}
