export { createMailer, OutboxMailer, type OutboxMessage, SmtpMailer } from './mailer.js';
export { RESOURCES_ERROR_CODES } from './resources-error-codes.js';
export { checkTableQuery, createTableQuery, type SqliteTableQuery } from './table-query.js';
