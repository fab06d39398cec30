import type { DestinationNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { admit, keepSlot } from '../destination/limit.js';
import { waitInQueue } from '../destination/queue.js';
import { type RingAttempt, ringNumbers } from '../destination/ring.js';
import { renderTemplate } from '../variables.js';

/** How the call got past the destination's limit, if it has one. */
interface Entry {
  readonly holdsSlot: boolean;
  readonly note: string;
  readonly data: Readonly<Record<string, unknown>>;
}

const NO_DATA: Readonly<Record<string, unknown>> = Object.freeze({});
const NO_LIMIT: Entry = { holdsSlot: false, note: '', data: NO_DATA };

/**
 * P1, P2, P3, P8, P9: pass the limit (or wait in the queue), ring, and when answered stay on the bridge
 * until it ends. The slot is released however the attempt ends; `answered` is taken when the bridge ends.
 */
export async function executeDestination(node: DestinationNode, ctx: CallContext): Promise<StepOutcome> {
  const numbers: string[] = [];
  const empty: string[] = [];
  for (const template of node.numbers) {
    const number = renderTemplate(template, ctx.vars).trim();
    numbers.push(number);
    if (number === '') empty.push(template);
  }
  if (empty.length > 0 || numbers.length === 0)
    return {
      output: 'unreachable',
      reason: `no number to ring: ${empty.join(', ') || '(none)'} resolved empty`,
    };
  const entry = node.limit === undefined ? NO_LIMIT : await enter(node, ctx);
  if ('output' in entry) return entry;
  const stopRenewing = entry.holdsSlot && node.limit ? keepSlot(ctx, node.limit.key) : undefined;
  try {
    return await ringAndBridge(node, numbers, ctx, entry);
  } finally {
    stopRenewing?.();
    if (entry.holdsSlot && node.limit) await ctx.ports.store.releaseSlot(node.limit.key, ctx.callId);
  }
}

async function ringAndBridge(
  node: DestinationNode,
  numbers: readonly string[],
  ctx: CallContext,
  entry: Entry,
): Promise<StepOutcome> {
  const { final, attempts } = await ringNumbers(node, numbers, ctx);
  const prefix = entry.note === '' ? '' : `${entry.note}; `;
  // Spread only when the limit left data: a property defined after a spread takes V8's slow path.
  const { strategy } = node;
  const data: Record<string, unknown> =
    entry.data === NO_DATA ? { numbers, strategy, attempts } : { ...entry.data, numbers, strategy, attempts };
  if (final.outcome !== 'answered')
    return { output: final.outcome, reason: prefix + describeAttempts(attempts, final.reason), data };
  const bridgeEnd = await ctx.ports.call.waitForBridgeEnd();
  data.answeredBy = final.answeredBy;
  data.bridgeEnd = bridgeEnd;
  return {
    output: 'answered',
    reason: `${prefix}answered by ${final.answeredBy ?? numbers[0]} (${final.reason}), ended by ${bridgeEnd}`,
    data,
  };
}

function describeAttempts(attempts: readonly RingAttempt[], last: string): string {
  if (attempts.length <= 1) return last;
  return attempts.map((a) => `${a.numbers.join('+')}: ${a.reason}`).join('; ');
}

/** Admission against the limit; over it, the queue when there is one and this call can play media. */
async function enter(node: DestinationNode, ctx: CallContext): Promise<Entry | StepOutcome> {
  const limit = node.limit!;
  const { queue } = node;
  const canQueue = queue !== undefined && ctx.ports.media.available;
  const waiting = canQueue ? await ctx.ports.store.queueLength(limit.key) : 0;
  let overReason = `${waiting} caller(s) already in the queue`;
  if (waiting === 0) {
    const admission = await admit(limit, ctx);
    if (admission.admitted) return { holdsSlot: admission.holdsSlot, note: admission.reason, data: NO_DATA };
    overReason = `over limit: ${admission.reason}`;
  }
  if (queue === undefined) return { output: 'overLimit', reason: overReason };
  if (!canQueue)
    return { output: 'overLimit', reason: `${overReason}; no queue: media is not available on this call` };
  const exit = await waitInQueue(limit, queue, ctx);
  const reason = `${overReason}; ${exit.reason}`;
  const data = { queue: exit.data };
  switch (exit.how) {
    case 'claimed':
      return { holdsSlot: limit.simultaneous !== undefined, note: reason, data };
    case 'full':
      return { output: 'queueFull', reason, data };
    case 'gone':
      return { output: 'interrupted', reason, data };
    default:
      return { output: 'queueTimeout', reason, data };
  }
}
