import { decimalValue } from '../message/char-classes.js';
import type { SipRequest } from '../message/types.js';

/** §8.1.1.6: a request without Max-Forwards is treated as if it had the recommended 70. */
export const DEFAULT_MAX_FORWARDS = 70;

/** The request's Max-Forwards, 70 when absent or unreadable. */
export function maxForwards(request: SipRequest): number {
  const value = request.headers.get('max-forwards');
  if (value === undefined) return DEFAULT_MAX_FORWARDS;
  const digits = decimalValue(value, 3); // the usual `70`, without a call into V8's runtime
  if (digits >= 0) return digits;
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_MAX_FORWARDS;
}

/** §12: a request with a To tag belongs to a dialog; without one it starts something new. */
export function isOutOfDialog(request: SipRequest): boolean {
  return !request.to.params.has('tag');
}

/** Methods we answer in OPTIONS (§11.2 Allow); UPDATE and INFO are passed between bridged legs. */
export const ALLOWED_METHODS = 'INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO';
