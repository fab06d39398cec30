import type { BranchCase, BranchNode } from '../../plan/types.js';
import type { CallContext, StepOutcome } from '../call-context.js';

/** P11: the first case that matches the variable wins; `rest` otherwise. */
export async function executeBranch(node: BranchNode, ctx: CallContext): Promise<StepOutcome> {
  const value = ctx.vars.get(node.variable);
  const shown = value === undefined ? '(unset)' : JSON.stringify(value);
  const index = value === undefined ? -1 : node.cases.findIndex((c) => caseMatches(c, value));
  const matched = node.cases[index];
  if (matched === undefined) return { output: 'rest', reason: `${node.variable}=${shown} matches no case` };
  return {
    output: matched.output,
    reason: `${node.variable}=${shown} ${describeCase(matched)} (case ${index + 1})`,
    data: { variable: node.variable, value, case: index + 1 },
  };
}

function caseMatches(c: BranchCase, value: string): boolean {
  if (c.equals !== undefined && value !== c.equals) return false;
  if (c.prefix !== undefined && !value.startsWith(c.prefix)) return false;
  if (c.oneOf !== undefined && !c.oneOf.includes(value)) return false;
  return true;
}

function describeCase(c: BranchCase): string {
  if (c.equals !== undefined) return `equals ${JSON.stringify(c.equals)}`;
  if (c.prefix !== undefined) return `starts with ${JSON.stringify(c.prefix)}`;
  if (c.oneOf !== undefined) return `is one of ${c.oneOf.map((v) => JSON.stringify(v)).join(', ')}`;
  return 'matches';
}
