import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AnnouncementIndex,
  type AnnouncementStatus,
  announcementIndexOf,
  compilePlanSet,
  type Diagnostic,
  LANGUAGES,
  type Language,
  type LoadResult,
} from '../../../../src/plan/index.js';

export const FIXTURES = 'test/fixtures/plans';

/** Every prompt the fixtures and example plans play, in every language. */
export const FIXTURE_PROMPTS = [
  'closed',
  'choose-language',
  'invalid-choice',
  'queue-welcome',
  'queue-first',
  'queue-periodic',
  'queue-music',
  'queue-position',
  ...Array.from({ length: 10 }, (_, d) => `digit-${d}`),
  'vip-only',
  'choose-option',
  'enter-extension',
  'hold-music',
];

/**
 * The case's YAML files. `plan.yaml.txt` is read as `plan.yaml`: YAML broken on purpose is kept under a
 * name Biome does not parse, so `biome check .` stays clean.
 */
export function yamlFilesOf(dir: string): { path: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml(\.txt)?$/.test(f))
    .sort()
    .map((f) => ({ path: f.replace(/\.txt$/, ''), text: readFileSync(join(dir, f), 'utf8') }));
}

/** `announcements.json` beside the case (`prompt -> language -> true | "problem"`), else every prompt everywhere. */
export function fixtureAnnouncements(dir: string): AnnouncementIndex {
  const file = join(dir, 'announcements.json');
  if (!existsSync(file)) return announcementIndexOf(FIXTURE_PROMPTS, LANGUAGES);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, true | string>>;
  return new Map(
    Object.entries(raw).map(([prompt, byLanguage]) => [
      prompt,
      new Map(
        Object.entries(byLanguage).map(([language, v]): [Language, AnnouncementStatus] => [
          language as Language,
          v === true ? { ok: true } : { ok: false, problem: v },
        ]),
      ),
    ]),
  );
}

export function compileFixture(dir: string): LoadResult {
  return compilePlanSet(yamlFilesOf(dir), fixtureAnnouncements(dir), 'fr');
}

/** The form of `expected.json`: `plan.yaml:8:22 nodes.hours.outputs.open error PLAN_UNKNOWN_NODE`. */
export function summaryLine(d: Diagnostic): string {
  const { file, line, column, path } = d.location;
  return `${file}:${line}:${column}${path ? ` ${path}` : ''} ${d.severity} ${d.code}`;
}
