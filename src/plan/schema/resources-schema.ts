// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is the plan language's own template syntax, shown in descriptions.
import { COMMON_DEFINITIONS } from './common-definitions.js';
import { closedObject, DRAFT_07, type JsonSchema, kindProperty, ref } from './json-schema.js';

function named(description: string, item: JsonSchema): JsonSchema {
  return { type: 'object', description, propertyNames: ref('name'), additionalProperties: item };
}

const time = (description: string): JsonSchema => ({
  type: 'string',
  pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
  description,
});

const rule = closedObject(
  'A calendar rule; every condition given must hold; none at all matches always.',
  {
    name: ref('name', 'The output name of calendar nodes for this rule.'),
    dates: {
      type: 'array',
      items: { type: 'string', format: 'date', description: 'YYYY-MM-DD' },
      description: 'Whole days (holidays).',
    },
    days: {
      type: 'array',
      items: { enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
      description: 'Weekdays.',
    },
    from: time('Start, HH:mm, inclusive (default 00:00).'),
    to: time('End, HH:mm, exclusive (default 24:00).'),
  },
  ['name'],
);

const RESOURCE_PROPERTIES: Record<string, JsonSchema> = {
  kind: kindProperty('resources'),
  lists: named(
    'Black/white lists of caller numbers (P10).',
    closedObject('A list.', { numbers: ref('numberList') }, ['numbers']),
  ),
  origins: named(
    'Caller zones (P4).',
    closedObject(
      'Zones of caller prefixes.',
      {
        zones: {
          type: 'object',
          description: 'Zone name -> number prefixes; the longest matching prefix wins.',
          propertyNames: ref('name'),
          additionalProperties: { type: 'array', minItems: 1, items: ref('e164Prefix') },
        },
      },
      ['zones'],
    ),
  ),
  calendars: named(
    'Calendars (P5).',
    closedObject(
      'Rules tried in order.',
      {
        timezone: { type: 'string', description: 'IANA time zone (default Europe/Brussels).' },
        rules: { type: 'array', minItems: 1, items: rule, description: 'First match wins.' },
      },
      ['rules'],
    ),
  ),
  directory: named(
    'Directory entries (P1).',
    closedObject(
      'An entry.',
      {
        numbers: { type: 'array', minItems: 1, items: ref('e164'), description: 'Numbers rung.' },
        label: { type: 'string', description: 'Display name.' },
      },
      ['numbers'],
    ),
  ),
  emailTemplates: named(
    'E-mail templates (P12).',
    closedObject(
      'A template; `${name}` is replaced by call variables.',
      {
        to: { type: 'array', minItems: 1, items: ref('template'), description: 'Recipients.' },
        subject: ref('template'),
        body: ref('template'),
      },
      ['to', 'subject', 'body'],
    ),
  ),
  tables: named(
    'SQL tables (P11).',
    closedObject(
      'A table: columns and rows.',
      {
        columns: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          description: 'Column names; the columns a query selects become call variables.',
        },
        rows: {
          type: 'array',
          items: { type: 'array', items: { type: ['string', 'number', 'null'] } },
          description: 'Each row has one value per column.',
        },
      },
      ['columns', 'rows'],
    ),
  ),
  extensions: named('Extension maps (P13).', {
    type: 'object',
    description: 'Extension digits -> E.164 number.',
    propertyNames: { pattern: '^[0-9]{1,16}$' },
    additionalProperties: ref('e164'),
  }),
};

export const RESOURCES_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'vms resources',
  description: 'Named resources that plans refer to (R1); names are global per kind.',
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: RESOURCE_PROPERTIES,
  definitions: COMMON_DEFINITIONS,
};
