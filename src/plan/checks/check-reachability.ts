import type { Plan } from '../types.js';
import type { CheckContext } from './check-context.js';

/** Node ids reachable from `start` by following outputs. */
export function reachableNodes(plan: Plan): Set<string> {
  const seen = new Set<string>();
  const pending = [plan.start];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    const node = plan.nodes.get(id);
    if (node === undefined || seen.has(id)) continue;
    seen.add(id);
    pending.push(...Object.values(node.outputs));
  }
  return seen;
}

/** P14: a node no call can reach is dead configuration, most likely a typo in an output. */
export function checkReachability(ctx: CheckContext): void {
  for (const { plan } of ctx.plans) {
    const reachable = reachableNodes(plan);
    for (const node of plan.nodes.values()) {
      if (reachable.has(node.id)) continue;
      const message = `node ${JSON.stringify(node.id)} cannot be reached from start ${JSON.stringify(plan.start)}`;
      ctx.sink.error('PLAN_UNREACHABLE_NODE', message, node.source);
    }
  }
}
