import type { OriginNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { resource } from '../resource.js';

/** P4: the zone whose prefix is the longest match of the caller's number wins; `rest` otherwise. */
export async function executeOrigin(node: OriginNode, ctx: CallContext): Promise<StepOutcome> {
  const origins = resource(ctx, node, 'origins', node.origins);
  let best: { zone: string; prefix: string } | undefined;
  for (const [zone, prefixes] of Object.entries(origins.zones)) {
    for (const prefix of prefixes) {
      if (ctx.caller.startsWith(prefix) && prefix.length > (best?.prefix.length ?? -1))
        best = { zone, prefix };
    }
  }
  if (best === undefined) {
    ctx.vars.set('zone', 'rest');
    return { output: 'rest', reason: `caller ${ctx.caller} matches no zone of "${origins.name}"` };
  }
  ctx.vars.set('zone', best.zone);
  const data = { zone: best.zone, prefix: best.prefix };
  if (node.outputs[best.zone] === undefined)
    return { output: 'rest', reason: `zone ${best.zone} (prefix ${best.prefix}) is not connected`, data };
  return {
    output: best.zone,
    reason: `caller ${ctx.caller} matches prefix ${best.prefix} of zone ${best.zone}`,
    data,
  };
}
