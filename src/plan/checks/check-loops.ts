import type { Plan, PlanNode } from '../types.js';
import type { CheckContext } from './check-context.js';
import { cyclicComponents } from './strongly-connected.js';

/** Nodes that decide at once: neither wait for the caller nor ring. A cycle of only these never ends. */
const INSTANT_TYPES: ReadonlySet<PlanNode['type']> = new Set([
  'origin',
  'calendar',
  'language',
  'list',
  'table',
  'branch',
  'set',
  'email',
]);

/** A cycle of instant nodes is an error (the call spins forever); a cycle through a waiting node a warning. */
export function checkLoops(ctx: CheckContext): void {
  for (const { plan } of ctx.plans) {
    const ids = [...plan.nodes.keys()];
    const instant = ids.filter((id) => INSTANT_TYPES.has(plan.nodes.get(id)?.type as PlanNode['type']));
    const instantSet = new Set(instant);
    const errorNodes = new Set<string>();
    for (const cycle of cyclicComponents(instant, (id) =>
      successors(plan, id).filter((s) => instantSet.has(s)),
    )) {
      for (const id of cycle) errorNodes.add(id);
      const message = `a call would loop forever through ${describe(cycle)}: none of them waits for the caller or rings`;
      ctx.sink.error('PLAN_INFINITE_LOOP', message, firstNode(plan, cycle).source);
    }
    for (const cycle of cyclicComponents(ids, (id) => successors(plan, id))) {
      if (cycle.every((id) => errorNodes.has(id))) continue;
      const message = `a call can come back through ${describe(cycle)}: make sure it ends (e.g. retries, a limit)`;
      ctx.sink.warning('PLAN_LOOP', message, firstNode(plan, cycle).source);
    }
  }
}

function successors(plan: Plan, id: string): string[] {
  const outputs = plan.nodes.get(id)?.outputs ?? {};
  return [...new Set(Object.values(outputs))].filter((target) => plan.nodes.has(target));
}

function describe(cycle: readonly string[]): string {
  const names = cycle.map((id) => JSON.stringify(id));
  return cycle.length === 1 ? `${names[0]} (to itself)` : names.join(', ');
}

/** The node of the cycle written first in the file, so the diagnostic points at the top of the loop. */
function firstNode(plan: Plan, cycle: readonly string[]): PlanNode {
  const nodes = cycle.map((id) => plan.nodes.get(id) as PlanNode);
  return nodes.reduce((a, b) => (b.source.line < a.source.line ? b : a));
}
