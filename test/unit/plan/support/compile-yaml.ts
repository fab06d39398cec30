import {
  announcementIndexOf,
  compilePlanSet,
  LANGUAGES,
  type LoadResult,
  type SystemLanguage,
} from '../../../../src/plan/index.js';
import { FIXTURE_PROMPTS } from './fixtures.js';

/** Compiles in-memory YAML files (`name -> text`) with every fixture prompt available in every language. */
export function compileYaml(
  files: Record<string, string>,
  systemLanguage: SystemLanguage = 'fr',
): LoadResult {
  const list = Object.entries(files).map(([path, text]) => ({ path, text }));
  return compilePlanSet(list, announcementIndexOf(FIXTURE_PROMPTS, LANGUAGES), systemLanguage);
}

/** A plan file from its nodes, as YAML text. */
export function planYaml(name: string, start: string, nodes: string, extra = ''): string {
  return `kind: plan\nname: ${name}\nstart: ${start}\n${extra}nodes:\n${nodes}`;
}

export const RELEASE_ALL =
  '{ busy: hangup, noAnswer: hangup, unreachable: hangup, congestion: hangup, cause31: hangup }';

export function codes(result: LoadResult): string[] {
  return result.diagnostics.map((d) => d.code);
}
