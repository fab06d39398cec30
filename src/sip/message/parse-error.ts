import { AppError } from '../../errors/index.js';

/**
 * The one way the parser fails: `SIP_PARSE_ERROR` with the status a server should answer
 * (400 by default, §21.4.1; 505 for an unknown SIP version, §21.5.6; 416 for a URI scheme, §21.4.16).
 */
export function parseError(message: string, status = 400, details: Record<string, unknown> = {}): AppError {
  return new AppError('SIP_PARSE_ERROR', message, { details: { status, ...details } });
}
