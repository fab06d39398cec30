import type { CompiledPlan } from '../compile/compiled-plan.js';
import { suggestion } from '../suggest.js';
import { HANGUP_TARGET, type PlanNode, type Resources } from '../types.js';
import { type CheckContext, nodePropertyLocation, outputLocation } from './check-context.js';

/** Node property naming a resource, and the resource kind it names (R1, P14). */
const RESOURCE_REFERENCES: Partial<
  Record<PlanNode['type'], { property: string; kind: keyof Resources; label: string }>
> = {
  destination: { property: 'directory', kind: 'directory', label: 'directory entry' },
  origin: { property: 'origins', kind: 'origins', label: 'origins' },
  calendar: { property: 'calendar', kind: 'calendars', label: 'calendar' },
  list: { property: 'list', kind: 'lists', label: 'list' },
  table: { property: 'table', kind: 'tables', label: 'table' },
  email: { property: 'template', kind: 'emailTemplates', label: 'e-mail template' },
  extension: { property: 'extensions', kind: 'extensions', label: 'extensions' },
};

/** P14: `start`, every output target and every resource a node names must exist. */
export function checkReferences(ctx: CheckContext): void {
  for (const compiled of ctx.plans) {
    const { plan, locator } = compiled;
    if (!plan.nodes.has(plan.start) && plan.start !== HANGUP_TARGET) {
      ctx.sink.error('PLAN_UNKNOWN_NODE', unknownNode(plan.start, plan.nodes.keys()), locator.at(['start']));
    }
    for (const node of plan.nodes.values()) {
      if (node.id === HANGUP_TARGET) {
        ctx.sink.error(
          'PLAN_RESERVED_NAME',
          '`hangup` is the reserved end-of-call target: rename this node',
          node.source,
        );
      }
      checkTargets(ctx, compiled, node);
      checkResource(ctx, compiled, node);
    }
  }
}

function checkTargets(ctx: CheckContext, compiled: CompiledPlan, node: PlanNode): void {
  for (const [output, target] of Object.entries(node.outputs)) {
    if (target === HANGUP_TARGET || compiled.plan.nodes.has(target)) continue;
    const message = unknownNode(target, compiled.plan.nodes.keys());
    ctx.sink.error('PLAN_UNKNOWN_NODE', message, outputLocation(compiled, node, output));
  }
}

function checkResource(ctx: CheckContext, compiled: CompiledPlan, node: PlanNode): void {
  const reference = RESOURCE_REFERENCES[node.type];
  const name = compiled.raw.nodes[node.id]?.[reference?.property as 'directory'];
  if (reference === undefined || name === undefined) return;
  const known = ctx.resources[reference.kind];
  if (known.has(name)) return;
  const message = `unknown ${reference.label} ${JSON.stringify(name)}${suggestion(name, known.keys())}`;
  ctx.sink.error('PLAN_UNKNOWN_RESOURCE', message, nodePropertyLocation(compiled, node, reference.property));
}

function unknownNode(name: string, known: Iterable<string>): string {
  return `unknown node ${JSON.stringify(name)}${suggestion(name, known)}`;
}
