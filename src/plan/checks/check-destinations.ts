import type { CompiledPlan } from '../compile/compiled-plan.js';
import type { RawNode } from '../compile/raw-types.js';
import { type CheckContext, nodePropertyLocation } from './check-context.js';

/** P1, P3, P8, P9: one way to say whom to ring, a strategy for several numbers, a limit that limits. */
export function checkDestinations(ctx: CheckContext): void {
  for (const compiled of ctx.plans) {
    for (const node of compiled.plan.nodes.values()) {
      const raw = compiled.raw.nodes[node.id];
      if (node.type !== 'destination' || raw === undefined) continue;
      checkNumberSource(ctx, compiled, node.id, raw);
      if (raw.strategy === undefined && node.numbers.length > 1) {
        const via =
          raw.directory === undefined ? 'numbers' : `directory entry ${JSON.stringify(raw.directory)}`;
        const message = `${node.numbers.length} numbers (${via}) but no \`strategy: parallel|sequential\``;
        ctx.sink.error(
          'PLAN_STRATEGY_REQUIRED',
          message,
          nodePropertyLocation(compiled, node, raw.directory === undefined ? 'numbers' : 'directory'),
        );
      }
      if (raw.queue !== undefined && raw.limit === undefined) {
        const message = 'a queue without a `limit`: no call would ever wait in it';
        ctx.sink.error('PLAN_QUEUE_WITHOUT_LIMIT', message, nodePropertyLocation(compiled, node, 'queue'));
      }
      if (
        raw.limit !== undefined &&
        raw.limit.simultaneous === undefined &&
        raw.limit.perInterval === undefined
      ) {
        const message = 'a limit needs `simultaneous` or `perInterval`';
        ctx.sink.error('PLAN_LIMIT_EMPTY', message, nodePropertyLocation(compiled, node, 'limit'));
      }
    }
  }
}

function checkNumberSource(ctx: CheckContext, compiled: CompiledPlan, id: string, raw: RawNode): void {
  const given = (['number', 'numbers', 'directory'] as const).filter((p) => raw[p] !== undefined);
  if (given.length === 1) return;
  const message =
    given.length === 0
      ? 'a destination needs one of `number`, `numbers` or `directory`'
      : `a destination takes only one of ${given.map((p) => `\`${p}\``).join(', ')}`;
  ctx.sink.error('PLAN_DESTINATION_NUMBER', message, compiled.locator.at(['nodes', id], { key: true }));
}
