import { AppError } from '../errors/app-error.js';
import type { PlanNode, Resources } from '../plan/types.js';
import type { CallContext } from './call-context.js';

type ResourceKind = Exclude<keyof Resources, 'announcements'>;
type ResourceOf<K extends ResourceKind> = Resources[K] extends ReadonlyMap<string, infer R> ? R : never;

/** A named resource of the plan set; the compiler guarantees it exists, so a miss is an engine error. */
export function resource<K extends ResourceKind>(
  ctx: CallContext,
  node: PlanNode,
  kind: K,
  name: string,
): ResourceOf<K> {
  const found = (ctx.planSet.resources[kind] as ReadonlyMap<string, ResourceOf<K>>).get(name);
  if (found === undefined)
    throw new AppError(
      'ENGINE_UNKNOWN_RESOURCE',
      `node "${node.id}" names ${kind} "${name}", which is not loaded`,
      {
        location: node.source,
        details: { kind, name },
      },
    );
  return found;
}
