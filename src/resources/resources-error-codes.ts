/** Stable error codes of the runtime resources (tables, e-mail): code -> one-line description. */
export const RESOURCES_ERROR_CODES = {
  RESOURCES_TABLE_INVALID:
    'A table resource cannot be loaded: duplicate or empty column, or a row of the wrong width',
  RESOURCES_UNKNOWN_TABLE: 'A table query names a table resource that does not exist',
  RESOURCES_TABLE_QUERY_INVALID:
    'A table query is not a single valid SELECT over its table (syntax, column, statement kind)',
  RESOURCES_TABLE_QUERY_FAILED:
    'A table query failed while running, e.g. a named parameter has no call variable',
  RESOURCES_MAIL_FAILED: 'An e-mail could not be handed to the SMTP server or written to the outbox',
} as const satisfies Record<`RESOURCES_${string}`, string>;
