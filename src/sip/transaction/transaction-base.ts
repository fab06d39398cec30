import { AppError } from '../../errors/app-error.js';
import type { SipRequest } from '../message/types.js';
import { Emitter } from './emitter.js';
import type { TimerEntry, TimerName, TimerTarget } from './timer-queue.js';
import type { DerivedTimers } from './timer-values.js';
import type { TransactionHost } from './transaction-host.js';

/**
 * What all four transaction state machines (RFC 3261 §17.1.1, §17.1.2, §17.2.1, §17.2.2) share: their
 * two timer slots on the host's single timer queue, and the move to Terminated.
 */
export abstract class TransactionBase<Events extends { [K in keyof Events]: unknown[] } & { terminated: [] }>
  extends Emitter<Events>
  implements TimerTarget
{
  abstract state: string;
  protected retransmitTimer: TimerEntry | undefined;
  protected timeoutTimer: TimerEntry | undefined;
  #request: SipRequest | undefined;

  constructor(
    protected readonly host: TransactionHost,
    readonly key: string,
    request: SipRequest,
    protected readonly timers: DerivedTimers,
  ) {
    super();
    this.#request = request;
  }

  /**
   * The request that created the transaction. Gone once the transaction only waits out its timers (see
   * `linger`): reading it then is a programming error, SIP_TRANSACTION_RELEASED.
   */
  get request(): SipRequest {
    if (this.#request === undefined) {
      throw new AppError('SIP_TRANSACTION_RELEASED', `transaction ${this.key} no longer holds its request`);
    }
    return this.#request;
  }

  /** True once the request was let go (see `forgetRequest`). */
  protected get released(): boolean {
    return this.#request === undefined;
  }

  abstract onTimer(name: TimerName): void;

  protected schedule(name: TimerName, delay: number): TimerEntry {
    return this.host.queue.schedule(this, name, delay);
  }

  protected stopTimers(): void {
    this.retransmitTimer?.cancel();
    this.timeoutTimer?.cancel();
    this.retransmitTimer = undefined;
    this.timeoutTimer = undefined;
  }

  /**
   * The TU will hear nothing more from this transaction: it only waits out Timer D, I, J, K or L,
   * absorbing retransmissions. Its listeners and the parsed request go, so a finished call's objects are
   * not kept alive by the transaction for up to 64×T1 = 32 s: at 3,000 calls/s that would be ~100,000
   * calls' worth of messages held in the old generation (measured: 31 KiB per call, `bench/call-path`).
   */
  protected linger(): void {
    this.removeAllListeners();
    this.forgetRequest();
  }

  /** Drops the parsed request (and what subclasses kept of it) when no state left can need it. */
  protected forgetRequest(): void {
    this.#request = undefined;
  }

  protected terminate(): void {
    if (this.state === 'terminated') return;
    this.stopTimers();
    this.state = 'terminated';
    this.beforeTerminated();
    this.host.terminated(this);
    // `terminated` carries no arguments in every event map (see the class's type constraint).
    this.emit('terminated', ...([] as Events['terminated']));
  }

  /** Hook for what a transaction must do as it terminates, before the host forgets it. */
  protected beforeTerminated(): void {}

  protected override onListenerError(err: unknown): void {
    this.host.listenerError(err);
  }
}
