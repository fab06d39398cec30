// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is the plan language's own template syntax, shown in descriptions.
import { closedObject, type JsonSchema, ref } from './json-schema.js';

function typeProperty(type: string, description: string): JsonSchema {
  return { const: type, description };
}

/** An `outputs` mapping: known output names are described for editors; the checks reject unknown ones. */
function outputs(description: string, known: Record<string, string>): JsonSchema {
  const properties = Object.fromEntries(Object.entries(known).map(([name, d]) => [name, ref('target', d)]));
  return { type: 'object', description, properties, additionalProperties: ref('target') };
}

const NEXT = ref('target', 'The node that follows (or `hangup`).');

const DESTINATION_OUTPUTS = {
  answered: 'Taken when the bridged call ends.',
  busy: 'The callee was busy (486/600); unconnected: the caller gets 486.',
  noAnswer: 'No answer before ringTimeout (408/480); unconnected: the caller gets 480.',
  unreachable: 'The number does not exist or cannot be reached (404/410/484); unconnected: 404.',
  congestion: 'Network congestion (503/500); unconnected: 503.',
  cause31: 'Released with Q.850 cause 31 "normal, unspecified"; unconnected: 480.',
  interrupted: 'The caller hung up while it rang.',
  overLimit: 'Over the limit and no queue (only with `limit`).',
  queueTimeout: 'Waited `queue.maxWait` in the queue (only with `queue`).',
  queueFull: 'The queue already held `queue.maxLength` calls (only with `queue`).',
};

const limit = closedObject(
  'Limit the calls to this destination (P8); calls over it take `overLimit` or wait in the queue.',
  {
    simultaneous: { type: 'integer', minimum: 1, description: 'At most this many calls up at once.' },
    perInterval: closedObject(
      'At most `calls` new calls in any window of `interval`.',
      {
        calls: { type: 'integer', minimum: 1, description: 'Calls allowed per interval.' },
        interval: ref('duration', 'The sliding window, e.g. 20s.'),
      },
      ['calls', 'interval'],
    ),
    key: ref('name', 'Counter name shared by every destination naming it; default `<plan>/<node>`.'),
  },
);

const queue = closedObject('Callers over the limit wait here (P9).', {
  welcome: ref('prompt', 'Played once when the caller enters the queue.'),
  firstInLine: ref('prompt', 'Played when the caller becomes first in line.'),
  periodic: closedObject(
    'A prompt replayed while waiting.',
    { prompt: ref('prompt', 'The prompt.'), every: ref('duration', 'How often, e.g. 30s.') },
    ['prompt', 'every'],
  ),
  announcePosition: {
    type: 'boolean',
    description: 'Announce the position: prompt `queue-position` then the digits (`digit-0`..`digit-9`).',
  },
  music: ref('prompt', 'Played between announcements; silence when absent.'),
  maxWait: ref('duration', 'Longest wait before `queueTimeout` (default 5m).'),
  maxLength: {
    type: 'integer',
    minimum: 1,
    description: 'Most calls waiting; more take `queueFull` (default 20).',
  },
});

const destination = closedObject(
  'Ring one number, a directory entry, or several numbers (P1, P2, P3).',
  {
    type: typeProperty('destination', 'Ring a number and branch on the outcome.'),
    number: ref('numberTemplate', 'The number to ring, or a template such as "${extensionNumber}".'),
    numbers: {
      type: 'array',
      minItems: 1,
      items: ref('numberTemplate'),
      description: 'Several numbers; `strategy` is then required.',
    },
    directory: ref('name', 'A `directory` resource entry to ring.'),
    strategy: {
      enum: ['parallel', 'sequential'],
      description: '`parallel`: ring all, first answer wins. `sequential`: one after another.',
    },
    ringTimeout: ref('duration', 'How long to ring (each number when sequential); default 30s.'),
    limit,
    queue,
    outputs: outputs('Where each outcome leads.', DESTINATION_OUTPUTS),
  },
  ['type'],
);

const origin = closedObject(
  'Branch on the caller zone (P4): the longest matching prefix of an `origins` resource wins.',
  {
    type: typeProperty('origin', 'Branch on where the caller is.'),
    origins: ref('name', 'The `origins` resource.'),
    outputs: outputs('One output per zone name of the resource, plus `rest` (required).', {
      rest: 'Every caller no zone matches.',
    }),
  },
  ['type', 'origins', 'outputs'],
);

const calendar = closedObject(
  'Branch on the time (P5): the first matching rule of a `calendars` resource wins.',
  {
    type: typeProperty('calendar', 'Branch on date and time.'),
    calendar: ref('name', 'The `calendars` resource.'),
    outputs: outputs('One output per rule name of the calendar, plus `rest` (required).', {
      rest: 'When no rule matches.',
    }),
  },
  ['type', 'calendar', 'outputs'],
);

const ivrChoice = closedObject(
  'What a choice does.',
  { next: NEXT, language: ref('language', 'Set the call language from here on (P7).') },
  ['next'],
);

const ivr = closedObject(
  'Play a prompt and branch on the digits pressed (P6).',
  {
    type: typeProperty('ivr', 'A menu.'),
    prompt: ref('prompt', 'The menu prompt.'),
    choices: {
      type: 'object',
      description: 'Digits -> choice, e.g. "1": { next: sales, language: fr }.',
      propertyNames: { pattern: '^[0-9*#]{1,8}$' },
      additionalProperties: ivrChoice,
      minProperties: 1,
    },
    retries: { type: 'integer', minimum: 0, description: 'Replays after no or invalid input (default 2).' },
    timeout: ref('duration', 'Wait for the first digit after the prompt (default 5s).'),
    interDigitTimeout: ref('duration', 'Wait between digits (default 3s).'),
    invalidPrompt: ref('prompt', 'Played before a retry after an invalid choice.'),
    outputs: outputs('Where no input and invalid input lead after the retries.', {
      noInput: 'No digit at all.',
      invalid: 'Digits that match no choice.',
    }),
  },
  ['type', 'prompt', 'choices'],
);

const language = closedObject(
  'Set the language of the announcements from here on (P7).',
  { type: typeProperty('language', 'Set the language.'), language: ref('language'), next: NEXT },
  ['type', 'language', 'next'],
);

const list = closedObject(
  'Is the caller on a list (P10)?',
  {
    type: typeProperty('list', 'Black/white list.'),
    list: ref('name', 'The `lists` resource.'),
    outputs: outputs('Both outputs.', { listed: 'The caller is on the list.', notListed: 'It is not.' }),
  },
  ['type', 'list', 'outputs'],
);

const table = closedObject(
  'Query a table (P11); the first row columns become call variables.',
  {
    type: typeProperty('table', 'SQL table lookup.'),
    table: ref('name', 'The `tables` resource.'),
    query: {
      type: 'string',
      description:
        'A SELECT with named parameters from call variables: SELECT tier FROM customers WHERE cli = :caller',
    },
    outputs: outputs('Both outputs.', { found: 'A row was found.', notFound: 'No row.' }),
  },
  ['type', 'table', 'query', 'outputs'],
);

const branchCase = closedObject(
  'A condition on the variable (give one of equals, prefix, oneOf).',
  {
    name: ref('name', 'Output name of this case (default `case<n>`).'),
    equals: { type: 'string', description: 'The value equals this.' },
    prefix: { type: 'string', description: 'The value starts with this.' },
    oneOf: { type: 'array', items: { type: 'string' }, description: 'The value is one of these.' },
    next: NEXT,
  },
  ['next'],
);

const branch = closedObject(
  'Branch on a call variable (P11); the first matching case wins, `rest` otherwise.',
  {
    type: typeProperty('branch', 'Branch on a variable.'),
    variable: { type: 'string', description: 'The variable name, e.g. tier.' },
    cases: { type: 'array', minItems: 1, items: branchCase, description: 'Tried in order.' },
    rest: ref('target', 'Where the call goes when no case matches (or `outputs.rest`).'),
    outputs: outputs('Only `rest` (cases carry their own `next`).', { rest: 'When no case matches.' }),
  },
  ['type', 'variable', 'cases'],
);

const set = closedObject(
  'Set user variables (P11).',
  {
    type: typeProperty('set', 'Set variables.'),
    vars: {
      type: 'object',
      description: 'Variable -> template, e.g. greeting: "hello ${caller}".',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: ref('template'),
    },
    next: NEXT,
  },
  ['type', 'vars', 'next'],
);

const email = closedObject(
  'Send a templated e-mail with the call variables (P12).',
  {
    type: typeProperty('email', 'Send an e-mail.'),
    template: ref('name', 'The `emailTemplates` resource.'),
    next: NEXT,
  },
  ['type', 'template', 'next'],
);

const extension = closedObject(
  'Read an extension and map it to a number (P13); sets `extensionNumber`.',
  {
    type: typeProperty('extension', 'Direct dial.'),
    prompt: ref('prompt', 'Asks for the extension.'),
    extensions: ref('name', 'The `extensions` resource.'),
    maxDigits: {
      type: 'integer',
      minimum: 1,
      maximum: 16,
      description: 'Digits to read at most (default 4).',
    },
    timeout: ref('duration', 'Wait for the first digit (default 5s).'),
    interDigitTimeout: ref('duration', 'Wait between digits (default 3s).'),
    outputs: outputs('All three outputs.', {
      found: 'The extension exists; ring "${extensionNumber}".',
      notFound: 'No such extension.',
      noInput: 'No digit at all.',
    }),
  },
  ['type', 'prompt', 'extensions', 'outputs'],
);

const announcement = closedObject(
  'Play a prompt, then go on.',
  { type: typeProperty('announcement', 'Play a prompt.'), prompt: ref('prompt'), next: NEXT },
  ['type', 'prompt', 'next'],
);

const hangup = closedObject(
  'End the call.',
  {
    type: typeProperty('hangup', 'End the call.'),
    prompt: ref('prompt', 'Played first (answers the call).'),
    status: {
      type: 'integer',
      minimum: 400,
      maximum: 699,
      description: 'SIP final status for an unanswered caller (default 480), e.g. 403, 486, 603.',
    },
  },
  ['type'],
);

export const NODE_DEFINITIONS: Record<string, JsonSchema> = {
  destination,
  origin,
  calendar,
  ivr,
  language,
  list,
  table,
  branch,
  set,
  email,
  extension,
  announcement,
  hangup,
};
