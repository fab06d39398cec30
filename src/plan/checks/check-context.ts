import type { AnnouncementIndex } from '../announcements/announcement-index.js';
import type { CompiledPlan } from '../compile/compiled-plan.js';
import type { DiagnosticSink } from '../diagnostic.js';
import type { PlanNode, Resources, SystemLanguage } from '../types.js';
import type { YamlPath } from '../yaml/source-locator.js';

/** Everything a check reads; checks only add diagnostics, they never change the model. */
export interface CheckContext {
  readonly plans: readonly CompiledPlan[];
  readonly resources: Resources;
  readonly announcements: AnnouncementIndex;
  readonly systemLanguage: SystemLanguage;
  readonly sink: DiagnosticSink;
}

export type PlanCheck = (ctx: CheckContext) => void;

/** Where a node's output is written in the YAML (falls back to the node itself). */
export function outputLocation(compiled: CompiledPlan, node: PlanNode, output: string) {
  const path: YamlPath | undefined = compiled.outputPaths.get(node.id)?.get(output);
  return path === undefined ? node.source : compiled.locator.at(path);
}

/** A property of a node in the YAML, e.g. `nodes.menu.prompt`. */
export function nodePropertyLocation(compiled: CompiledPlan, node: PlanNode, ...path: (string | number)[]) {
  return compiled.locator.at(['nodes', node.id, ...path]);
}
