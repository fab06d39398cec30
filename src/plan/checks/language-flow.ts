import type { Language, Plan, PlanNode, SystemLanguage } from '../types.js';

/** `bi` plays NL and FR, so both must exist (P7). */
export function languagesOf(language: SystemLanguage): Language[] {
  return language === 'bi' ? ['nl', 'fr'] : [language];
}

/**
 * Dataflow over the plan graph (P7): the languages a call can have when it reaches each node, starting
 * from the plan language (or the system default) and changed by `language` nodes and IVR choices.
 */
export function languagesAtNodes(plan: Plan, systemLanguage: SystemLanguage): Map<string, Set<Language>> {
  const at = new Map<string, Set<Language>>();
  const pending: string[] = [];
  const reach = (id: string, languages: Iterable<Language>): void => {
    if (!plan.nodes.has(id)) return;
    const set = at.get(id) ?? new Set<Language>();
    const before = set.size;
    for (const l of languages) set.add(l);
    at.set(id, set);
    if (set.size > before) pending.push(id);
  };
  reach(plan.start, languagesOf(plan.language ?? systemLanguage));
  while (pending.length > 0) {
    const node = plan.nodes.get(pending.pop() as string) as PlanNode;
    const incoming = at.get(node.id) ?? new Set<Language>();
    for (const [output, target] of Object.entries(node.outputs))
      reach(target, outgoing(node, output, incoming));
  }
  return at;
}

function outgoing(node: PlanNode, output: string, incoming: ReadonlySet<Language>): Iterable<Language> {
  if (node.type === 'language') return [node.language];
  if (node.type === 'ivr') {
    const language = node.choices[output]?.language;
    if (language !== undefined) return [language];
  }
  return incoming;
}
