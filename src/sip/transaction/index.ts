export {
  ClientTransaction,
  type ClientTransactionEvents,
  type ClientTransactionState,
} from './client-transaction.js';
export { InviteClientTransaction } from './invite-client-transaction.js';
export { InviteServerTransaction } from './invite-server-transaction.js';
export { NonInviteClientTransaction } from './non-invite-client-transaction.js';
export { NonInviteServerTransaction } from './non-invite-server-transaction.js';
export { ALLOWED_METHODS, DEFAULT_MAX_FORWARDS, isOutOfDialog, maxForwards } from './request-policy.js';
export {
  type RespondOptions,
  ServerTransaction,
  type ServerTransactionEvents,
  type ServerTransactionState,
} from './server-transaction.js';
export { SipStack } from './sip-stack.js';
export type {
  IncomingRequest,
  RefusedCounts,
  RequestHandler,
  SipStackOptions,
  SipStackStats,
  StrayResponseHandler,
} from './sip-stack-options.js';
export { TimerQueue } from './timer-queue.js';
export { DEFAULT_TIMERS, type DerivedTimers, deriveTimers, type SipTimers } from './timer-values.js';
