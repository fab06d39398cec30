import { AppError } from '../errors/app-error.js';
import { HANGUP_TARGET, type NodeType, type PlanNode } from '../plan/types.js';
import type { CallContext, CallEnd, StepOutcome } from './call-context.js';
import type { TraceStep } from './call-record.js';
import { isoTime, setClockVariables } from './clock-variables.js';
import { executeNode } from './nodes/index.js';
import { ENGINE_FAILURE_RELEASE, releaseFor } from './release-status.js';

/** Runtime guard against plans that loop without end: the call is released instead of spinning. */
export const MAX_STEPS = 200;

/** Nodes that need the caller on the line; the walk stops before them once the caller has left. */
const CALLER_NODES: ReadonlySet<NodeType> = new Set([
  'destination',
  'ivr',
  'extension',
  'announcement',
  'hangup',
]);

/** Walks from the plan's start until a node ends the call or an output leads nowhere or to `hangup`. */
export async function walkPlan(ctx: CallContext, steps: TraceStep[]): Promise<CallEnd> {
  let nodeId = ctx.plan.start;
  for (let seq = 1; ; seq++) {
    if (seq > MAX_STEPS) return stepLimit(ctx, nodeId);
    const node = ctx.plan.nodes.get(nodeId);
    if (node === undefined)
      throw new AppError('ENGINE_UNKNOWN_NODE', `plan "${ctx.plan.name}" has no node "${nodeId}"`, {
        location: ctx.plan.source,
      });
    if (ctx.ports.call.callerGone && CALLER_NODES.has(node.type))
      return { how: 'callerHangup', reason: `caller gone before ${node.id}` };
    const now = ctx.ports.clock.now();
    setClockVariables(ctx.vars, now);
    const outcome = await executeSafely(node, ctx);
    const target = outcome.end === undefined ? node.outputs[outcome.output] : undefined;
    steps.push(step(seq, isoTime(now), node, outcome, target));
    ctx.log.info({ node: node.id, output: outcome.output, target }, 'node done');
    if (outcome.end !== undefined) return outcome.end;
    if (target === undefined || target === HANGUP_TARGET) return endOn(ctx, outcome.output, target);
    nodeId = target;
  }
}

function step(
  seq: number,
  at: string,
  node: PlanNode,
  o: StepOutcome,
  target: string | undefined,
): TraceStep {
  const { output, reason, data } = o;
  // Two literals rather than a spread: a property defined after a spread takes V8's slow path.
  return data === undefined
    ? { seq, at, node: node.id, type: node.type, output, target, reason }
    : { seq, at, node: node.id, type: node.type, output, target, reason, data };
}

/** A failing executor (store down, bad SQL) ends the call with 500 and a trace step saying why. */
async function executeSafely(node: PlanNode, ctx: CallContext): Promise<StepOutcome> {
  try {
    return await executeNode(node, ctx);
  } catch (err) {
    const error = new AppError('ENGINE_NODE_FAILED', `node "${node.id}" failed: ${errorMessage(err)}`, {
      cause: err,
      location: node.source,
    });
    ctx.log.error({ err: error, node: node.id }, 'node failed');
    const end: CallEnd = {
      how: 'error',
      status: ENGINE_FAILURE_RELEASE.status,
      reason: error.message,
      code: error.code,
    };
    return { output: 'error', reason: error.message, data: { code: error.code }, end };
  }
}

/** The plan ends on this output: a completed bridge, a caller who left, or a release with its status. */
function endOn(ctx: CallContext, output: string, target: string | undefined): CallEnd {
  if (output === 'answered') return { how: 'completed', outcome: output, reason: 'bridged call ended' };
  if (output === 'interrupted' || ctx.ports.call.callerGone)
    return { how: 'callerHangup', outcome: output, reason: 'caller hung up' };
  const { status, reason } = releaseFor(output);
  const why = target === HANGUP_TARGET ? `${output} leads to hangup` : `${output} is not connected`;
  return { how: 'released', status, outcome: output, reason: `${why}: ${status} ${reason}` };
}

function stepLimit(ctx: CallContext, nodeId: string): CallEnd {
  const error = new AppError(
    'ENGINE_STEP_LIMIT',
    `more than ${MAX_STEPS} steps; stopped before "${nodeId}"`,
    {
      location: ctx.plan.source,
    },
  );
  ctx.log.error({ err: error }, 'step limit reached');
  return { how: 'stepLimit', status: ENGINE_FAILURE_RELEASE.status, reason: error.message, code: error.code };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
