import type { SipResponse } from '../message/types.js';
import { ServerTransaction, type ServerTransactionState } from './server-transaction.js';
import type { TimerName } from './timer-queue.js';

/** RFC 3261 §17.2.2 non-INVITE server transaction. */
export class NonInviteServerTransaction extends ServerTransaction {
  state: ServerTransactionState = 'trying';

  start(): void {
    // §17.2.2: nothing is sent until the TU responds; a non-INVITE gets no 100 from the transaction.
  }

  sendResponse(response: SipResponse): boolean {
    if (this.state !== 'trying' && this.state !== 'proceeding') return false;
    this.transmit(response);
    if (response.status < 200) {
      this.state = 'proceeding';
      return true;
    }
    this.state = 'completed';
    this.linger();
    if (this.timers.j === 0) this.terminate();
    else this.timeoutTimer = this.schedule('J', this.timers.j);
    return true;
  }

  receiveRetransmission(): void {
    // §17.2.2: Trying absorbs (no response yet); Proceeding and Completed resend the last response.
    if (this.state === 'proceeding' || this.state === 'completed') this.resend();
  }

  onTimer(name: TimerName): void {
    if (name === 'J' && this.state === 'completed') this.terminate();
  }
}
