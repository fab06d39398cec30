import type { SipResponse } from '../message/types.js';
import { ClientTransaction, type ClientTransactionState } from './client-transaction.js';
import type { TimerName } from './timer-queue.js';

/** RFC 3261 §17.1.2 non-INVITE client transaction (BYE, CANCEL, OPTIONS, ...). */
export class NonInviteClientTransaction extends ClientTransaction {
  state: ClientTransactionState = 'trying';

  start(): void {
    this.send();
    if (!this.timers.reliable) this.retransmitTimer = this.schedule('E', this.timers.e);
    this.timeoutTimer = this.schedule('F', this.timers.f);
  }

  receiveResponse(response: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return; // Completed absorbs retransmissions.
    if (response.status < 200) {
      this.state = 'proceeding';
      this.deliver(response);
      return;
    }
    this.stopTimers();
    this.state = 'completed';
    this.deliver(response);
    if (this.state !== 'completed') return;
    // Timer K (5 s) only absorbs retransmitted responses: the parsed final response, the biggest thing
    // left, goes too (a BYE's 200 at 3,000 calls/s: 15,000 of them promoted to the old generation).
    this.linger();
    this.forgetFinal();
    if (this.timers.k === 0) this.terminate();
    else this.timeoutTimer = this.schedule('K', this.timers.k);
  }

  onTimer(name: TimerName): void {
    const active = this.state === 'trying' || this.state === 'proceeding';
    if (name === 'E' && active) {
      this.send();
      // §17.1.2.2: doubling capped at T2 while Trying; every T2 once Proceeding.
      this.retransmitInterval =
        this.state === 'trying' ? Math.min(2 * this.retransmitInterval, this.timers.t2) : this.timers.t2;
      this.retransmitTimer = this.schedule('E', this.retransmitInterval);
    } else if (name === 'F' && active) {
      this.timeout();
    } else if (name === 'K' && this.state === 'completed') {
      this.terminate();
    }
  }
}
