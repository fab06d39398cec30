import { buildResponse, responseToTag } from '../message/index.js';
import type { SipRequest, SipResponse } from '../message/types.js';
import { ServerTransaction, type ServerTransactionState } from './server-transaction.js';
import type { TimerName } from './timer-queue.js';

/**
 * RFC 3261 §17.2.1 INVITE server transaction with the RFC 6026 Accepted state (Timer L): a 2xx no longer
 * ends the transaction, so INVITE retransmissions are absorbed instead of reaching the TU as new calls.
 * The 2xx itself is retransmitted here until its ACK arrives (§13.3.1.4), on the same timer queue.
 */
export class InviteServerTransaction extends ServerTransaction {
  state: ServerTransactionState = 'proceeding';
  private acked = false;
  private retransmitInterval = 0;
  /**
   * Only an INVITE needs its To tag after responding: for the 200 to a CANCEL (§9.2). A non-INVITE
   * transaction keeping it would keep its request's whole text (the tag is a slice of it) for Timer J.
   */
  private lastToTag: string | undefined;

  /** The To tag of our responses so far (the TU's dialog tag), for the 200 to a CANCEL (§9.2). */
  get toTag(): string | undefined {
    return this.lastToTag;
  }

  start(): void {
    // §17.2.1: 100 Trying unless the TU sends a provisional response within 200 ms.
    if (this.host.tryingDelay <= 0) this.sendTrying();
    else this.retransmitTimer = this.schedule('trying', this.host.tryingDelay);
  }

  sendResponse(response: SipResponse, toTag?: string | null): boolean {
    const status = response.status;
    if (this.state === 'accepted') {
      if (status < 200 || status >= 300) return false;
      this.transmitTagged(response, toTag); // RFC 6026 §8.5: further 2xx from the TU pass through.
      return true;
    }
    if (this.state !== 'proceeding') return false;
    this.retransmitTimer?.cancel();
    this.retransmitTimer = undefined;
    this.transmitTagged(response, toTag);
    if (status >= 200 && status < 300) this.accept();
    else if (status >= 300) this.complete();
    return true;
  }

  /** Sends and remembers the To tag (the TU's dialog tag): read from the response only when not known. */
  private transmitTagged(response: SipResponse, toTag: string | null | undefined): void {
    const tag = toTag === undefined ? response.to.params.get('tag') : (toTag ?? undefined);
    this.lastToTag = tag ?? this.lastToTag;
    this.transmit(response);
  }

  receiveRetransmission(): void {
    // §17.2.1: resend the last provisional (Proceeding) or final (Completed); Accepted absorbs (RFC 6026 §8.6).
    if (this.state === 'proceeding' && !this.lastResponse) this.sendTrying();
    else if (this.state === 'proceeding' || this.state === 'completed') this.resend();
  }

  /** An ACK matched by branch (non-2xx, §17.2.1) or by dialog (2xx, §13.3.1.4). */
  receiveAck(ack: SipRequest): void {
    if (this.state === 'completed') {
      this.stopTimers();
      this.state = 'confirmed';
      this.linger();
      if (this.timers.i === 0) this.terminate();
      else this.timeoutTimer = this.schedule('I', this.timers.i);
    } else if (this.state === 'accepted' && !this.acked) {
      this.acked = true;
      this.retransmitTimer?.cancel();
      this.retransmitTimer = undefined;
      this.emit('ack', ack);
      // RFC 6026 §8.7: later ACKs are absorbed here; only INVITE retransmissions can still arrive, and
      // Accepted absorbs them without resending (§8.6), so the 2xx bytes can go too.
      this.linger();
      this.lastResponse = undefined;
    }
  }

  onTimer(name: TimerName): void {
    switch (name) {
      case 'trying':
        if (this.state === 'proceeding' && !this.lastResponse) this.sendTrying();
        return;
      case 'G':
        this.retransmitFinal();
        return;
      case 'H':
        if (this.state !== 'completed') return;
        this.emit('timeout');
        this.terminate();
        return;
      case 'I':
        if (this.state === 'confirmed') this.terminate();
        return;
      case 'L':
        if (this.state !== 'accepted') return;
        if (!this.acked) this.emit('ack-timeout');
        this.terminate();
        return;
      default:
        return;
    }
  }

  /** True once the ACK for our 2xx arrived. */
  get ackReceived(): boolean {
    return this.acked;
  }

  private sendTrying(): void {
    const tag = responseToTag(this.request, 100, undefined) ?? null;
    this.transmitTagged(buildResponse(this.request, 100, 'Trying'), tag);
  }

  private accept(): void {
    this.state = 'accepted';
    this.timeoutTimer = this.schedule('L', this.timers.l);
    this.startRetransmissions();
  }

  private complete(): void {
    this.state = 'completed';
    this.timeoutTimer = this.schedule('H', this.timers.h);
    this.startRetransmissions();
  }

  private startRetransmissions(): void {
    if (this.timers.reliable) return;
    this.retransmitInterval = this.timers.g;
    this.retransmitTimer = this.schedule('G', this.retransmitInterval);
  }

  private retransmitFinal(): void {
    const retransmitting = this.state === 'completed' || (this.state === 'accepted' && !this.acked);
    if (!retransmitting) return;
    this.resend();
    // §17.2.1 (Timer G) and §13.3.1.4 (2xx): double up to T2.
    this.retransmitInterval = Math.min(2 * this.retransmitInterval, this.timers.t2);
    this.retransmitTimer = this.schedule('G', this.retransmitInterval);
  }
}
