import type { CompiledPlan } from '../compile/compiled-plan.js';
import { suggestion } from '../suggest.js';
import { DESTINATION_OUTCOMES, type DestinationNode, type PlanNode, type Resources } from '../types.js';
import { type CheckContext, outputLocation } from './check-context.js';

/** The outputs a node can take: `required` must be connected (error), `recommended` should be (warning). */
interface OutputSpec {
  readonly allowed: ReadonlySet<string>;
  readonly required: readonly string[];
  readonly recommended: readonly string[];
  /** False when the resource is unknown: its names cannot be checked (already reported). */
  readonly known: boolean;
}

/** Outcomes the seed recommends connecting; unconnected they release the caller with a SIP status. */
const RECOMMENDED_OUTCOMES = ['busy', 'noAnswer', 'unreachable', 'congestion', 'cause31'];

/** P2, P4, P5, P14: every output name exists for its node type; routing outputs are all connected. */
export function checkOutputs(ctx: CheckContext): void {
  for (const compiled of ctx.plans) {
    for (const node of compiled.plan.nodes.values()) {
      const spec = outputSpec(node, ctx.resources);
      checkUnknownOutputs(ctx, compiled, node, spec);
      const connectedAt = compiled.raw.nodes[node.id]?.outputs === undefined ? [] : ['outputs'];
      const where = compiled.locator.at(['nodes', node.id, ...connectedAt], {
        key: connectedAt.length === 0,
      });
      for (const output of spec.required.filter((o) => !(o in node.outputs))) {
        ctx.sink.error('PLAN_OUTPUT_UNCONNECTED', `output ${JSON.stringify(output)} is not connected`, where);
      }
      for (const output of spec.recommended.filter((o) => !(o in node.outputs))) {
        const message = `outcome ${JSON.stringify(output)} is not connected${releaseNote(output)}`;
        ctx.sink.warning('PLAN_OUTPUT_UNCONNECTED', message, where);
      }
    }
  }
}

function checkUnknownOutputs(
  ctx: CheckContext,
  compiled: CompiledPlan,
  node: PlanNode,
  spec: OutputSpec,
): void {
  if (!spec.known) return;
  for (const output of Object.keys(node.outputs)) {
    if (spec.allowed.has(output)) continue;
    const message = `${node.type} node has no output ${JSON.stringify(output)}${hint(node, output, spec)}`;
    ctx.sink.error('PLAN_UNKNOWN_OUTPUT', message, outputLocation(compiled, node, output));
  }
}

function hint(node: PlanNode, output: string, spec: OutputSpec): string {
  if (node.type === 'destination' && output === 'overLimit') return ' (only with a `limit`)';
  if (node.type === 'destination' && (output === 'queueTimeout' || output === 'queueFull'))
    return ' (only with a `queue`)';
  const names = [...spec.allowed].join(', ');
  return `${suggestion(output, spec.allowed)}; its outputs are: ${names}`;
}

function outputSpec(node: PlanNode, resources: Resources): OutputSpec {
  const fixed = (names: string[], required = names): OutputSpec => ({
    allowed: new Set(names),
    required,
    recommended: [],
    known: true,
  });
  switch (node.type) {
    case 'destination':
      return destinationSpec(node);
    case 'origin':
      return namedSpec(
        Object.keys(resources.origins.get(node.origins)?.zones ?? {}),
        resources.origins.has(node.origins),
      );
    case 'calendar': {
      const rules = resources.calendars.get(node.calendar)?.rules.map((r) => r.name) ?? [];
      return namedSpec([...new Set(rules)], resources.calendars.has(node.calendar));
    }
    case 'ivr':
      return fixed([...Object.keys(node.choices), 'noInput', 'invalid']);
    case 'list':
      return fixed(['listed', 'notListed']);
    case 'table':
      return fixed(['found', 'notFound']);
    case 'branch':
      return fixed([...node.cases.map((c) => c.output), 'rest']);
    case 'extension':
      return fixed(['found', 'notFound', 'noInput']);
    case 'hangup':
      return fixed([]);
    default:
      return fixed(['next']);
  }
}

/** Origin zones and calendar rules: each one and `rest` must lead somewhere (no silent fallback). */
function namedSpec(names: string[], known: boolean): OutputSpec {
  const all = [...names, 'rest'];
  return { allowed: new Set(all), required: known ? all : ['rest'], recommended: [], known };
}

function destinationSpec(node: DestinationNode): OutputSpec {
  const extra = [...(node.limit ? ['overLimit'] : []), ...(node.queue ? ['queueTimeout', 'queueFull'] : [])];
  const overLimitMatters = node.limit !== undefined && node.queue === undefined;
  return {
    allowed: new Set([...DESTINATION_OUTCOMES, ...extra]),
    required: [],
    recommended: [
      ...RECOMMENDED_OUTCOMES,
      ...(overLimitMatters ? ['overLimit'] : []),
      ...(node.queue ? ['queueTimeout', 'queueFull'] : []),
    ],
    known: true,
  };
}

const RELEASE_STATUS: Readonly<Record<string, number>> = {
  busy: 486,
  noAnswer: 480,
  unreachable: 404,
  congestion: 503,
  cause31: 480,
};

function releaseNote(outcome: string): string {
  const status = RELEASE_STATUS[outcome];
  return status === undefined ? ': the call is released' : `: the caller is released with ${status}`;
}
