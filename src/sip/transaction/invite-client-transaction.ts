import { serializeWire, type WireText } from '../message/index.js';
import type { SipResponse } from '../message/types.js';
import { buildCancel, buildNon2xxAck } from './ack-and-cancel.js';
import { ClientTransaction, type ClientTransactionState } from './client-transaction.js';
import type { TimerName } from './timer-queue.js';

/**
 * RFC 3261 §17.1.1 INVITE client transaction with the RFC 6026 Accepted state: after a 2xx the
 * transaction stays alive for Timer M so that 2xx retransmissions and forked 2xx reach the TU (which ACKs
 * them itself, §13.2.2.4), instead of looking like strays.
 */
export class InviteClientTransaction extends ClientTransaction {
  state: ClientTransactionState = 'calling';
  private ack: WireText | undefined;
  private cancelWanted = false;

  start(): void {
    this.send();
    // §17.1.1.2: Timer A only on unreliable transports; Timer B bounds the Calling state.
    if (!this.timers.reliable) this.retransmitTimer = this.schedule('A', this.timers.a);
    this.timeoutTimer = this.schedule('B', this.timers.b);
  }

  /**
   * §9.1: CANCEL the INVITE. Before any provisional response the CANCEL waits for one (a CANCEL must not
   * overtake the INVITE); after a final response it is pointless and nothing is sent.
   */
  override cancel(): void {
    if (this.state === 'calling') this.cancelWanted = true;
    else if (this.state === 'proceeding') this.sendCancel();
  }

  receiveResponse(response: SipResponse): void {
    const status = response.status;
    switch (this.state) {
      case 'calling':
      case 'proceeding':
        if (status < 200) this.provisional(response);
        else if (status < 300) this.accepted(response);
        else this.completed(response);
        return;
      case 'accepted':
        // RFC 6026 §8.4: 2xx retransmissions (or other forks) go to the TU; anything else is absorbed.
        if (status >= 200 && status < 300) this.deliver(response);
        return;
      case 'completed':
        // §17.1.1.2: a retransmitted final response is answered with the same ACK, not passed up.
        if (status >= 300 && this.ack) this.send(this.ack);
        return;
      default:
        return;
    }
  }

  onTimer(name: TimerName): void {
    if (name === 'A' && this.state === 'calling') {
      this.send();
      this.retransmitInterval *= 2; // §17.1.1.2: Timer A doubles with no T2 cap.
      this.retransmitTimer = this.schedule('A', this.retransmitInterval);
    } else if (name === 'B' && this.state === 'calling') {
      this.timeout();
    } else if (name === 'cancel' && this.state === 'proceeding') {
      // §9.1: "If no final response has been received after 64*T1 seconds, the UAC SHOULD consider the
      // original transaction cancelled and destroy the client transaction" (a callee that ignores CANCEL).
      this.timeout();
    } else if ((name === 'D' && this.state === 'completed') || (name === 'M' && this.state === 'accepted')) {
      this.terminate();
    }
  }

  private provisional(response: SipResponse): void {
    if (this.state === 'calling') {
      this.state = 'proceeding';
      this.stopTimers();
    }
    this.deliver(response);
    if (this.cancelWanted) {
      this.cancelWanted = false;
      this.sendCancel();
    }
  }

  private accepted(response: SipResponse): void {
    this.stopTimers();
    this.state = 'accepted';
    this.timeoutTimer = this.schedule('M', this.timers.m);
    this.deliver(response);
    // RFC 6026 §8.4: Accepted only passes further 2xx up (the TU ACKs them); the INVITE is not needed.
    if (this.state === 'accepted') {
      this.forgetRequest();
      this.forgetFinal();
    }
  }

  private completed(response: SipResponse): void {
    this.stopTimers();
    this.state = 'completed';
    this.ack = serializeWire(buildNon2xxAck(this.request, response));
    this.send(this.ack);
    this.deliver(response);
    if (this.state !== 'completed') return;
    this.linger();
    if (this.timers.d === 0) this.terminate();
    else this.timeoutTimer = this.schedule('D', this.timers.d);
  }

  private sendCancel(): void {
    this.host.startCancel(buildCancel(this.request), this.destination);
    this.timeoutTimer?.cancel();
    this.timeoutTimer = this.schedule('cancel', this.timers.b);
  }
}
