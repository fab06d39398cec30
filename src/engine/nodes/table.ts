import type { TableNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';
import { resource } from '../resource.js';

const NAMED_PARAMETER = /[:@$]([A-Za-z_][A-Za-z0-9_]*)/g;

/** P11: run the query with call variables as named parameters; the first row's columns become variables. */
export async function executeTable(node: TableNode, ctx: CallContext): Promise<StepOutcome> {
  const table = resource(ctx, node, 'tables', node.table);
  const params = queryParameters(node.query, ctx);
  const row = ctx.ports.tables.queryFirst(table.name, node.query, params);
  if (row === undefined)
    return {
      output: 'notFound',
      reason: `no row of "${table.name}" for ${describe(params)}`,
      data: { params },
    };
  const assigned: Record<string, string> = {};
  for (const [column, value] of Object.entries(row)) assigned[column] = value === null ? '' : String(value);
  for (const [name, value] of Object.entries(assigned)) ctx.vars.set(name, value);
  return {
    output: 'found',
    reason: `row of "${table.name}" for ${describe(params)}: ${describe(assigned)}`,
    data: { params, row: assigned },
  };
}

/** Only the parameters the query names, each bound to its variable (empty when unset). */
function queryParameters(query: string, ctx: CallContext): Record<string, string> {
  const names = new Set([...query.matchAll(NAMED_PARAMETER)].map((m) => m[1] as string));
  return Object.fromEntries([...names].map((name) => [name, ctx.vars.get(name) ?? '']));
}

function describe(values: Readonly<Record<string, string>>): string {
  const parts = Object.entries(values).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return parts.join(', ') || '(no parameters)';
}
