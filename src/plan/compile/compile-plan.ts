import type { DiagnosticSink } from '../diagnostic.js';
import type { Plan, PlanNode, Resources } from '../types.js';
import type { SourceLocator, YamlPath } from '../yaml/source-locator.js';
import { compileNode } from './compile-node.js';
import type { CompiledPlan } from './compiled-plan.js';
import type { RawPlanFile } from './raw-types.js';

/** One plan file -> its compiled plan (node order kept as written). */
export function compilePlan(
  raw: RawPlanFile,
  locator: SourceLocator,
  resources: Resources,
  sink: DiagnosticSink,
): CompiledPlan {
  const nodes = new Map<string, PlanNode>();
  const outputPaths = new Map<string, Map<string, YamlPath>>();
  for (const [id, rawNode] of Object.entries(raw.nodes)) {
    const paths = new Map<string, YamlPath>();
    const path = ['nodes', id];
    const ctx = {
      planName: raw.name,
      id,
      source: locator.at(path, { key: true }),
      path,
      locator,
      resources,
      sink,
      outputPaths: paths,
    };
    nodes.set(id, compileNode(rawNode, ctx));
    outputPaths.set(id, paths);
  }
  const plan: Plan = {
    name: raw.name,
    source: locator.at(['name']),
    ...(raw.language === undefined ? {} : { language: raw.language }),
    start: raw.start,
    nodes,
  };
  return { plan, raw, locator, outputPaths };
}
