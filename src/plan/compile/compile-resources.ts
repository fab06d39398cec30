import type { SourceLocation } from '../../errors/app-error.js';
import type { AnnouncementIndex } from '../announcements/announcement-index.js';
import { availableAnnouncements } from '../announcements/announcement-index.js';
import type { DiagnosticSink } from '../diagnostic.js';
import type { CalendarResource, Resources } from '../types.js';
import type { SourceLocator } from '../yaml/source-locator.js';
import type { RawResourcesFile } from './raw-types.js';

export interface ResourcesFile {
  readonly raw: RawResourcesFile;
  readonly locator: SourceLocator;
}

type Section = Exclude<keyof RawResourcesFile, 'kind'>;
type Built<K extends Section> = Resources[K] extends ReadonlyMap<string, infer V> ? V : never;
type Builder<K extends Section> = (
  name: string,
  raw: NonNullable<RawResourcesFile[K]>[string],
  at: (...path: (string | number)[]) => SourceLocation,
) => Built<K>;

const DEFAULT_TIMEZONE = 'Europe/Brussels';

/** How each kind reads in a message: `list "vip" is already defined`. */
const LABELS: { [K in Section]: string } = {
  lists: 'list',
  origins: 'origins',
  calendars: 'calendar',
  directory: 'directory entry',
  emailTemplates: 'e-mail template',
  tables: 'table',
  extensions: 'extensions',
};

const BUILDERS: { [K in Section]: Builder<K> } = {
  lists: (name, raw, at) => ({ name, source: at(), numbers: new Set(raw.numbers) }),
  origins: (name, raw, at) => ({ name, source: at(), zones: raw.zones }),
  calendars: (name, raw, at): CalendarResource => ({
    name,
    source: at(),
    timezone: raw.timezone ?? DEFAULT_TIMEZONE,
    rules: raw.rules.map((rule, i) => ({ ...rule, source: at('rules', i) })),
  }),
  directory: (name, raw, at) => ({ name, source: at(), ...raw }),
  emailTemplates: (name, raw, at) => ({ name, source: at(), ...raw }),
  tables: (name, raw, at) => ({ name, source: at(), ...raw }),
  extensions: (name, raw, at) => ({ name, source: at(), map: raw }),
};

/** Merges every resources file; a name defined twice in one kind is an error (names are global per kind). */
export function compileResources(
  files: readonly ResourcesFile[],
  announcements: AnnouncementIndex,
  sink: DiagnosticSink,
): Resources {
  const section = <K extends Section>(key: K): Map<string, Built<K>> => {
    const built = new Map<string, Built<K>>();
    for (const { raw, locator } of files) {
      for (const [name, item] of Object.entries(raw[key] ?? {})) {
        const at = (...path: (string | number)[]) =>
          locator.at([key, name, ...path], { key: path.length === 0 });
        const previous = built.get(name) as { source: SourceLocation } | undefined;
        if (previous !== undefined) {
          sink.error(
            'PLAN_DUPLICATE_NAME',
            duplicateMessage(LABELS[key], name, previous.source),
            locator.at([key, name], { key: true }),
          );
          continue;
        }
        built.set(name, BUILDERS[key](name, item as never, at));
      }
    }
    return built;
  };
  return {
    lists: section('lists'),
    origins: section('origins'),
    calendars: section('calendars'),
    directory: section('directory'),
    emailTemplates: section('emailTemplates'),
    tables: section('tables'),
    extensions: section('extensions'),
    announcements: availableAnnouncements(announcements),
  };
}

export function duplicateMessage(what: string, name: string, first: SourceLocation): string {
  return `${what} ${JSON.stringify(name)} is already defined at ${first.file}:${first.line}:${first.column}`;
}
