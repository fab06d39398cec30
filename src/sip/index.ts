/**
 * The SIP layer's public surface (RFC 3261): messages, transports, transactions. Imports nothing from
 * plan/ or engine/. The B2BUA builds on `createSipStack`.
 */
import { SipStack } from './transaction/sip-stack.js';
import type { SipStackOptions } from './transaction/sip-stack-options.js';

export * from './message/index.js';
export type {
  Endpoint,
  NameAddr,
  SipHeaders,
  SipMessage,
  SipRequest,
  SipResponse,
  SipUri,
  Via,
} from './message/types.js';
export * from './transaction/index.js';
export * from './transport/index.js';

/** A stack not yet listening: `await stack.start()`, then `stack.boundPorts`. */
export function createSipStack(options: SipStackOptions): SipStack {
  return new SipStack(options);
}
