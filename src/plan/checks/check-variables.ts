import type { CompiledPlan } from '../compile/compiled-plan.js';
import { SYSTEM_VARIABLES, templateVariables } from '../compile/template-variables.js';
import { suggestion } from '../suggest.js';
import type { PlanNode, Resources } from '../types.js';
import type { YamlPath } from '../yaml/source-locator.js';
import { type CheckContext, nodePropertyLocation } from './check-context.js';

interface VariableUse {
  readonly name: string;
  readonly path: YamlPath;
}

/** P11: a template or branch naming a variable that no system variable, `set` or `table` provides (warning). */
export function checkVariables(ctx: CheckContext): void {
  for (const compiled of ctx.plans) {
    const defined = definedVariables(compiled, ctx.resources);
    for (const node of compiled.plan.nodes.values()) {
      for (const use of variableUses(compiled, node, ctx.resources)) {
        if (defined.has(use.name)) continue;
        const message = `variable ${JSON.stringify(use.name)} is never set${suggestion(use.name, defined)}`;
        ctx.sink.warning('PLAN_UNKNOWN_VARIABLE', message, nodePropertyLocation(compiled, node, ...use.path));
      }
    }
  }
}

function definedVariables(compiled: CompiledPlan, resources: Resources): Set<string> {
  const defined = new Set(SYSTEM_VARIABLES);
  for (const node of compiled.plan.nodes.values()) {
    if (node.type === 'set') for (const name of Object.keys(node.vars)) defined.add(name);
    if (node.type === 'table')
      for (const name of selectedColumns(node.query, resources.tables.get(node.table)?.columns ?? []))
        defined.add(name);
  }
  return defined;
}

/** The column names a `SELECT a, b AS c FROM ...` yields; every column of the table when it cannot tell. */
export function selectedColumns(query: string, tableColumns: readonly string[]): string[] {
  const list = /^\s*select\s+(.+?)\s+from\s/is.exec(query)?.[1];
  if (list === undefined || list.includes('*') || list.includes('(')) return [...tableColumns];
  return list
    .split(',')
    .map((item) => item.trim().split(/\s+/).pop() ?? '')
    .map((n) => n.replace(/^.*\./, ''));
}

function variableUses(compiled: CompiledPlan, node: PlanNode, resources: Resources): VariableUse[] {
  const uses: VariableUse[] = [];
  const fromTemplate = (template: string, ...path: YamlPath): void => {
    for (const name of templateVariables(template)) uses.push({ name, path });
  };
  const raw = compiled.raw.nodes[node.id];
  switch (node.type) {
    case 'destination':
      if (raw?.number !== undefined) fromTemplate(raw.number, 'number');
      for (const [i, n] of (raw?.numbers ?? []).entries()) fromTemplate(n, 'numbers', i);
      break;
    case 'set':
      for (const [name, value] of Object.entries(node.vars)) fromTemplate(value, 'vars', name);
      break;
    case 'branch':
      uses.push({ name: node.variable, path: ['variable'] });
      break;
    case 'table':
      for (const m of node.query.matchAll(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g))
        uses.push({ name: m[1] ?? '', path: ['query'] });
      break;
    case 'email': {
      const template = resources.emailTemplates.get(node.template);
      for (const text of [...(template?.to ?? []), template?.subject ?? '', template?.body ?? ''])
        fromTemplate(text, 'template');
      break;
    }
    default:
      break;
  }
  return uses;
}
