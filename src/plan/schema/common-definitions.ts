// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is the plan language's own template syntax, shown in descriptions.
import { type JsonSchema, ref } from './json-schema.js';

/** Patterns shared by every schema file (each file carries its own copy, so editors resolve it alone). */
export const E164_PATTERN = '^\\+[1-9][0-9]{1,14}$';
export const TEMPLATE_VARIABLE_PATTERN = '\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}';
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';
export const DURATION_PATTERN = '^(?=[0-9])([0-9]+h)?([0-9]+m(?!s))?([0-9]+s)?([0-9]+ms)?$';

export const COMMON_DEFINITIONS: Record<string, JsonSchema> = {
  e164: {
    type: 'string',
    pattern: E164_PATTERN,
    description: 'An E.164 number: `+`, country code, number, at most 15 digits (e.g. "+3222022200").',
  },
  e164Prefix: {
    type: 'string',
    pattern: '^\\+[0-9]{1,15}$',
    description: 'A number prefix in E.164 form (e.g. "+322" for Brussels), or a whole number.',
  },
  numberTemplate: {
    type: 'string',
    pattern: `^(?:\\+[1-9][0-9]{1,14}|.*${TEMPLATE_VARIABLE_PATTERN}.*)$`,
    description: 'An E.164 number, or a template such as "${extensionNumber}" resolved per call.',
  },
  template: {
    type: 'string',
    description: 'Text where `${name}` is replaced by the call variable `name` (caller, called, zone, ...).',
  },
  name: {
    type: 'string',
    pattern: NAME_PATTERN,
    description: 'A name: letters, digits, `-`, `_`, `.`; starts with a letter or digit.',
  },
  target: {
    type: 'string',
    pattern: NAME_PATTERN,
    description: 'A node id of the same plan, or `hangup` to end the call.',
  },
  prompt: {
    type: 'string',
    pattern: NAME_PATTERN,
    description:
      'An announcement name: the file announcements/<language>/<name>.wav (A-law, 8000 Hz, 8-bit, mono).',
  },
  language: {
    enum: ['en', 'de', 'nl', 'fr'],
    description: 'A language for announcements: en, de, nl or fr (`bi` can only be the system default).',
  },
  duration: {
    type: ['string', 'number'],
    pattern: DURATION_PATTERN,
    minimum: 0,
    description: 'A duration: "20s", "1m30s", "500ms", "1h", or a number of seconds.',
  },
  numberList: {
    type: 'array',
    items: ref('e164'),
    description: 'E.164 numbers.',
  },
};
