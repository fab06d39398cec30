import type { AnnouncementIndex } from './announcements/announcement-index.js';
import { checkAnnouncements } from './checks/check-announcements.js';
import { checkCalendarCoverage } from './checks/check-calendar-coverage.js';
import type { CheckContext, PlanCheck } from './checks/check-context.js';
import { checkDestinations } from './checks/check-destinations.js';
import { checkLoops } from './checks/check-loops.js';
import { checkOutputs } from './checks/check-outputs.js';
import { checkReachability } from './checks/check-reachability.js';
import { checkReferences } from './checks/check-references.js';
import { checkVariables } from './checks/check-variables.js';
import { compileGroups, type NumbersFile } from './compile/compile-groups.js';
import { compilePlan } from './compile/compile-plan.js';
import { compileResources, duplicateMessage, type ResourcesFile } from './compile/compile-resources.js';
import type { CompiledPlan } from './compile/compiled-plan.js';
import type { RawFile, RawPlanFile } from './compile/raw-types.js';
import { type Diagnostic, DiagnosticSink, hasErrors, sortDiagnostics } from './diagnostic.js';
import { deepFreeze } from './freeze.js';
import { validateSchema } from './schema/validate-schema.js';
import type { Plan, PlanSet, Resources, SystemLanguage } from './types.js';
import { parseYamlFile } from './yaml/parse-yaml-file.js';
import { fileLocation, type SourceLocator } from './yaml/source-locator.js';

export interface LoadResult {
  /** Undefined if and only if there is at least one error. */
  planSet: PlanSet | undefined;
  diagnostics: Diagnostic[];
  /** Every file read, in order (for summaries such as `3 errors in 8 files`). */
  files: string[];
}

const CHECKS: readonly PlanCheck[] = [
  checkReferences,
  checkOutputs,
  checkDestinations,
  checkReachability,
  checkLoops,
  checkCalendarCoverage,
  checkAnnouncements,
  checkVariables,
];

/**
 * YAML texts -> checked, frozen plan set. Pure (no file system), so the engine's tests use it directly.
 * Syntax and schema errors of every file are reported first; the semantic checks need well-formed files.
 */
export function compilePlanSet(
  files: readonly { path: string; text: string }[],
  announcements: AnnouncementIndex,
  systemLanguage: SystemLanguage,
): LoadResult {
  const sink = new DiagnosticSink();
  const paths = files.map((f) => f.path);
  const wellFormed: { raw: RawFile; locator: SourceLocator }[] = [];
  for (const file of files) {
    const parsed = parseYamlFile(file.path, file.text, sink);
    if (parsed.data !== undefined && validateSchema(parsed, sink)) {
      wellFormed.push({ raw: parsed.data as RawFile, locator: parsed.locator });
    }
  }
  if (hasErrors(sink.items))
    return { planSet: undefined, diagnostics: sortDiagnostics(sink.items), files: paths };
  const of = <K extends RawFile['kind']>(kind: K) =>
    wellFormed.filter((f) => f.raw.kind === kind) as {
      raw: Extract<RawFile, { kind: K }>;
      locator: SourceLocator;
    }[];
  const resources = compileResources(of('resources') satisfies ResourcesFile[], announcements, sink);
  const plans = compilePlans(of('plan'), resources, sink);
  if (plans.length === 0)
    sink.error('PLAN_NO_PLANS', 'no file of `kind: plan` found', fileLocation(files[0]?.path ?? '.'));
  const planMap = new Map<string, Plan>(plans.map((p) => [p.plan.name, p.plan]));
  const { groups, numbers } = compileGroups(of('numbers') satisfies NumbersFile[], planMap, sink);
  const ctx: CheckContext = { plans, resources, announcements, systemLanguage, sink };
  for (const check of CHECKS) check(ctx);
  const diagnostics = sortDiagnostics(sink.items);
  if (hasErrors(diagnostics)) return { planSet: undefined, diagnostics, files: paths };
  const planSet = freezePlanSet({ plans: planMap, groups, numbers, resources, systemLanguage });
  return { planSet, diagnostics, files: paths };
}

/** Compiles every plan file; a plan name used twice keeps the first and reports the second. */
function compilePlans(
  files: readonly { raw: RawPlanFile; locator: SourceLocator }[],
  resources: Resources,
  sink: DiagnosticSink,
): CompiledPlan[] {
  const plans = new Map<string, CompiledPlan>();
  for (const { raw, locator } of files) {
    const previous = plans.get(raw.name);
    if (previous !== undefined) {
      sink.error(
        'PLAN_DUPLICATE_NAME',
        duplicateMessage('plan', raw.name, previous.plan.source),
        locator.at(['name']),
      );
      continue;
    }
    plans.set(raw.name, compilePlan(raw, locator, resources, sink));
  }
  return [...plans.values()];
}

function freezePlanSet(planSet: PlanSet): PlanSet {
  return deepFreeze(planSet);
}
