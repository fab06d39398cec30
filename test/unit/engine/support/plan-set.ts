/** Small PlanSets built by hand for engine unit tests (no YAML, no plan layer). */
import type {
  CalendarResource,
  EmailTemplate,
  ExtensionsResource,
  ListResource,
  OriginsResource,
  Plan,
  PlanNode,
  PlanSet,
  Resources,
  SystemLanguage,
  TableResource,
} from '../../../../src/plan/types.js';

export const here = { file: 'test.yaml', line: 1, column: 1, path: '' };

export const SERVICE_NUMBER = '+3278000099';

/** A node with its id and source filled in. */
export function node<N extends PlanNode>(id: string, fields: Omit<N, 'id' | 'source'>): N {
  return { id, source: here, ...fields } as N;
}

export interface ResourceInput {
  lists?: Record<string, string[]>;
  origins?: Record<string, Record<string, string[]>>;
  calendars?: Record<string, Omit<CalendarResource, 'name' | 'source'>>;
  emailTemplates?: Record<string, Omit<EmailTemplate, 'name' | 'source'>>;
  tables?: Record<string, Omit<TableResource, 'name' | 'source'>>;
  extensions?: Record<string, Record<string, string>>;
}

function named<T>(record: Record<string, T> | undefined, build: (name: string, v: T) => unknown) {
  return new Map(Object.entries(record ?? {}).map(([name, v]) => [name, build(name, v)]));
}

export function resources(input: ResourceInput = {}): Resources {
  return {
    lists: named(input.lists, (name, numbers) => ({ name, source: here, numbers: new Set(numbers) })) as Map<
      string,
      ListResource
    >,
    origins: named(input.origins, (name, zones) => ({ name, source: here, zones })) as Map<
      string,
      OriginsResource
    >,
    calendars: named(input.calendars, (name, c) => ({ name, source: here, ...c })) as Map<
      string,
      CalendarResource
    >,
    directory: new Map(),
    emailTemplates: named(input.emailTemplates, (name, t) => ({ name, source: here, ...t })) as Map<
      string,
      EmailTemplate
    >,
    tables: named(input.tables, (name, t) => ({ name, source: here, ...t })) as Map<string, TableResource>,
    extensions: named(input.extensions, (name, map) => ({ name, source: here, map })) as Map<
      string,
      ExtensionsResource
    >,
    announcements: new Map(),
  };
}

/** One plan named `test` behind SERVICE_NUMBER; the first node is the start unless `start` says otherwise. */
export function planSet(
  nodes: PlanNode[],
  options: {
    resources?: ResourceInput;
    start?: string;
    language?: Plan['language'];
    system?: SystemLanguage;
    traceCallers?: string[];
  } = {},
): PlanSet {
  const plan: Plan = {
    name: 'test',
    source: here,
    start: options.start ?? nodes[0]?.id ?? 'none',
    nodes: new Map(nodes.map((n) => [n.id, n])),
    ...(options.language && { language: options.language }),
  };
  return {
    plans: new Map([[plan.name, plan]]),
    groups: new Map([
      [
        'test-group',
        {
          name: 'test-group',
          source: here,
          numbers: [SERVICE_NUMBER],
          plan: 'test',
          traceCallers: options.traceCallers ?? [],
        },
      ],
    ]),
    numbers: new Map([[SERVICE_NUMBER, 'test-group']]),
    resources: resources(options.resources),
    systemLanguage: options.system ?? 'fr',
  };
}
