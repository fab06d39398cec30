/** Stable error codes of the plan layer: code -> one-line description (documented in README.md). */
export const PLAN_ERROR_CODES = {
  PLAN_YAML_SYNTAX: 'A plan file is not valid YAML',
  PLAN_YAML_DUPLICATE_KEY: 'The same key appears twice in one YAML mapping',
  PLAN_SCHEMA: 'A plan file does not match the JSON Schema (unknown property, wrong type, missing field)',
  PLAN_NO_PLANS: 'The plans directory holds no plan at all',
  PLAN_DUPLICATE_NAME: 'The same plan, group or resource name is defined twice',
  PLAN_RESERVED_NAME: 'A node is named `hangup`, which is the reserved end-of-call target',
  PLAN_UNKNOWN_NODE: 'An output, `next` or `start` names a node that does not exist in the plan',
  PLAN_UNKNOWN_RESOURCE:
    'A node names a resource (list, origins, calendar, directory, table, ...) that does not exist',
  PLAN_UNKNOWN_PLAN: 'A number group names a plan that does not exist',
  PLAN_UNKNOWN_OUTPUT: 'An output name that this node type (or its resource) does not have',
  PLAN_DUPLICATE_OUTPUT: 'The same output is connected twice (e.g. `rest` and `outputs.rest`)',
  PLAN_OUTPUT_UNCONNECTED:
    'An output the node can take leads nowhere (error for routing outputs, warning for outcomes)',
  PLAN_UNREACHABLE_NODE: 'A node cannot be reached from the plan start',
  PLAN_NUMBER_IN_TWO_GROUPS: 'A service number belongs to more than one number group',
  PLAN_DESTINATION_NUMBER: 'A destination has none or more than one of `number`, `numbers`, `directory`',
  PLAN_STRATEGY_REQUIRED:
    'A destination rings several numbers but does not say `strategy: parallel|sequential`',
  PLAN_QUEUE_WITHOUT_LIMIT: 'A destination has a queue but no limit, so no call would ever wait in it',
  PLAN_LIMIT_EMPTY: 'A destination limit sets neither `simultaneous` nor `perInterval`',
  PLAN_INFINITE_LOOP: 'A cycle of nodes that never wait for the caller nor ring: a call would loop forever',
  PLAN_LOOP:
    'A cycle through a node that waits (menu, announcement, destination): allowed, but check it ends',
  PLAN_CALENDAR_RULE_SHADOWED: 'A calendar rule can never match because earlier rules always match first',
  PLAN_CALENDAR_TIME_RANGE: 'A calendar rule whose `from` is not before its `to`',
  PLAN_ANNOUNCEMENT_MISSING: 'A prompt has no WAV file in any language',
  PLAN_ANNOUNCEMENT_FORMAT: 'A prompt WAV file is not A-law, 8000 Hz, 8-bit, mono (R2)',
  PLAN_ANNOUNCEMENT_MISSING_LANGUAGE: 'A prompt has no WAV file in a language a call can have at that node',
  PLAN_UNKNOWN_VARIABLE: 'A template or branch names a variable that is never set',
} as const satisfies Record<`PLAN_${string}`, string>;

export type PlanErrorCode = keyof typeof PLAN_ERROR_CODES;
