import { DRAFT_07, type JsonSchema, when } from './json-schema.js';

const KINDS = {
  plan: 'plan.schema.json',
  numbers: 'numbers.schema.json',
  resources: 'resources.schema.json',
};

/** The schema editors point at: it dispatches on `kind` to the schema of that kind of file. */
export const VMS_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'vms plans directory file',
  description: 'A file of the plans directory: a plan, number groups, or resources, by `kind`.',
  type: 'object',
  required: ['kind'],
  properties: { kind: { enum: Object.keys(KINDS), description: 'plan, numbers or resources.' } },
  allOf: Object.entries(KINDS).map(([kind, file]) => when('kind', kind, { $ref: file })),
};

export const SCHEMA_FILES: Readonly<Record<string, string>> = KINDS;
