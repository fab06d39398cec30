import type { Endpoint, SipRequest } from '../message/types.js';
import type { WireText } from '../message/wire-text.js';
import type { TimerQueue } from './timer-queue.js';
import type { DerivedTimers } from './timer-values.js';

/** What a transaction needs from the layer that owns it (kept tiny so tests can fake it). */
export interface TransactionHost {
  readonly queue: TimerQueue;
  /** §17.2.1: ms before the INVITE server transaction sends 100 Trying itself; 0 sends it at once. */
  readonly tryingDelay: number;
  timersFor(transport: Endpoint['transport']): DerivedTimers;
  /** Hands bytes to the transport; failures come back through `transportError` on the transaction. */
  send(data: WireText, destination: Endpoint): void;
  /**
   * A server transaction is no longer waiting for the TU: it sent its first final response or ended
   * without one. Called once per server transaction; the overload guard counts the unsettled ones.
   */
  settled(transaction: { readonly key: string }): void;
  /** The transaction reached Terminated: forget it. */
  terminated(transaction: { readonly key: string }): void;
  /** Starts a CANCEL client transaction (§9.1) for an INVITE client transaction. */
  startCancel(cancel: SipRequest, destination: Endpoint): void;
  /** A TU listener threw: log it, never let it break the stack. */
  listenerError(err: unknown): void;
}
