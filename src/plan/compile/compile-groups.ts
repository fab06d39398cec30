import type { DiagnosticSink } from '../diagnostic.js';
import { suggestion } from '../suggest.js';
import type { NumberGroup, Plan } from '../types.js';
import type { SourceLocator } from '../yaml/source-locator.js';
import { duplicateMessage } from './compile-resources.js';
import type { RawNumbersFile } from './raw-types.js';

export interface NumbersFile {
  readonly raw: RawNumbersFile;
  readonly locator: SourceLocator;
}

export interface CompiledGroups {
  readonly groups: Map<string, NumberGroup>;
  /** Service number -> group name. */
  readonly numbers: Map<string, string>;
}

/** N1, N2: merges every numbers file; a group name or a service number may appear only once. */
export function compileGroups(
  files: readonly NumbersFile[],
  plans: ReadonlyMap<string, Plan>,
  sink: DiagnosticSink,
): CompiledGroups {
  const groups = new Map<string, NumberGroup>();
  const numbers = new Map<string, string>();
  for (const { raw, locator } of files) {
    for (const [name, group] of Object.entries(raw.groups)) {
      const previous = groups.get(name);
      if (previous !== undefined) {
        sink.error(
          'PLAN_DUPLICATE_NAME',
          duplicateMessage('group', name, previous.source),
          locator.at(['groups', name], { key: true }),
        );
        continue;
      }
      if (!plans.has(group.plan)) {
        const message = `unknown plan ${JSON.stringify(group.plan)}${suggestion(group.plan, plans.keys())}`;
        sink.error('PLAN_UNKNOWN_PLAN', message, locator.at(['groups', name, 'plan']));
      }
      for (const [i, number] of group.numbers.entries()) {
        const owner = numbers.get(number);
        if (owner === undefined) numbers.set(number, name);
        else if (owner !== name) {
          const message = `number ${number} is already in group ${JSON.stringify(owner)}`;
          sink.error('PLAN_NUMBER_IN_TWO_GROUPS', message, locator.at(['groups', name, 'numbers', i]));
        }
      }
      const source = locator.at(['groups', name], { key: true });
      groups.set(name, {
        name,
        source,
        numbers: group.numbers,
        plan: group.plan,
        traceCallers: group.traceCallers ?? [],
      });
    }
  }
  return { groups, numbers };
}
