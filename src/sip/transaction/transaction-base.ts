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

  constructor(
    protected readonly host: TransactionHost,
    readonly key: string,
    readonly request: SipRequest,
    protected readonly timers: DerivedTimers,
  ) {
    super();
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
