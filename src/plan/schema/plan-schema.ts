import { COMMON_DEFINITIONS } from './common-definitions.js';
import { DRAFT_07, type JsonSchema, kindProperty, ref, when } from './json-schema.js';
import { NODE_DEFINITIONS } from './node-definitions.js';

const NODE_TYPES = Object.keys(NODE_DEFINITIONS);

/** Dispatches on `type` so each node type is closed (typos in its properties are errors). */
const node: JsonSchema = {
  type: 'object',
  description: 'A node: its `type` says what it does and which properties it takes.',
  required: ['type'],
  properties: { type: { enum: NODE_TYPES, description: `One of: ${NODE_TYPES.join(', ')}.` } },
  allOf: NODE_TYPES.map((type) => when('type', type, ref(`${type}Node`))),
};

export const PLAN_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'vms routing plan',
  description: 'A routing plan: named nodes, each with outputs leading to other nodes.',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name', 'start', 'nodes'],
  properties: {
    kind: kindProperty('plan'),
    name: ref('name', 'The plan name, unique across the plans directory; number groups refer to it.'),
    description: { type: 'string', description: 'Free text for people reading the plan.' },
    language: ref('language', 'Language of the announcements; the system default (may be `bi`) otherwise.'),
    start: ref('target', 'The first node.'),
    nodes: {
      type: 'object',
      description: 'Node id -> node.',
      minProperties: 1,
      propertyNames: ref('name'),
      additionalProperties: ref('node'),
    },
  },
  definitions: {
    ...COMMON_DEFINITIONS,
    node,
    ...Object.fromEntries(Object.entries(NODE_DEFINITIONS).map(([type, s]) => [`${type}Node`, s])),
  },
};
