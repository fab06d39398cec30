import { COMMON_DEFINITIONS } from './common-definitions.js';
import { closedObject, DRAFT_07, type JsonSchema, kindProperty, ref } from './json-schema.js';

const group = closedObject(
  'Service numbers that share one plan (N2).',
  {
    numbers: { type: 'array', minItems: 1, items: ref('e164'), description: 'E.164 service numbers.' },
    plan: ref('name', 'The plan every call to these numbers runs.'),
    traceCallers: {
      type: 'array',
      items: ref('e164'),
      description: 'Caller numbers whose calls keep a full trace (S3).',
    },
  },
  ['numbers', 'plan'],
);

export const NUMBERS_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'vms number groups',
  description: 'Number groups: which plan runs for which service numbers (N1, N2).',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'groups'],
  properties: {
    kind: kindProperty('numbers'),
    groups: {
      type: 'object',
      description: 'Group name -> group.',
      propertyNames: ref('name'),
      additionalProperties: ref('group'),
    },
  },
  definitions: { ...COMMON_DEFINITIONS, group },
};
