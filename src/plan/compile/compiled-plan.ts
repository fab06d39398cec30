import type { Plan } from '../types.js';
import type { SourceLocator, YamlPath } from '../yaml/source-locator.js';
import type { RawPlanFile } from './raw-types.js';

/** A compiled plan plus what the checks need to point back into its YAML. */
export interface CompiledPlan {
  readonly plan: Plan;
  readonly raw: RawPlanFile;
  readonly locator: SourceLocator;
  /** Node id -> output name -> YAML path of the value naming its target. */
  readonly outputPaths: ReadonlyMap<string, ReadonlyMap<string, YamlPath>>;
}
