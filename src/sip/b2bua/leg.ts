import type { Logger } from '../../log/logger.js';
import type { Endpoint, SipRequest } from '../message/types.js';
import type { ClientTransaction } from '../transaction/client-transaction.js';
import { Emitter } from '../transaction/emitter.js';
import type { SipStack } from '../transaction/sip-stack.js';
import type { IncomingRequest } from '../transaction/sip-stack-options.js';
import type { Dialog, InDialogRequest } from './dialog.js';

/**
 * How a leg ended. Remote: `remoteBye`, `cancelled` (the caller's CANCEL), `ackTimeout` (no ACK for our
 * 2xx, §13.3.1.4), `failed` (transport error, timeout, final failure). Local: `localBye`, `rejected`.
 */
export type LegEnd = 'remoteBye' | 'cancelled' | 'ackTimeout' | 'failed' | 'localBye' | 'rejected';

export interface LegEvents {
  ended: [how: LegEnd];
}

/** What legs need from the B2BUA that owns them. */
export interface LegHost {
  readonly stack: SipStack;
  readonly logger: Logger;
  register(id: string, leg: Leg): void;
  unregister(id: string, leg: Leg): void;
  /** Our Contact header value towards that peer (same transport and address family). */
  contactFor(peer: Endpoint): string;
  /** Our `host:port` towards that peer, for From URIs. */
  hostPortFor(peer: Endpoint): string;
}

/** Handles an in-dialog request other than BYE and ACK (re-INVITE, UPDATE, INFO, OPTIONS). */
export type InDialogHandler = (incoming: IncomingRequest) => void;

/** What the A-leg (UAS) and B-legs (UAC) share: their dialog, in-dialog requests, BYE (§15). */
export abstract class Leg extends Emitter<LegEvents> {
  dialog: Dialog | undefined;
  /** Set by a bridge: in-dialog requests are passed to the other leg. */
  onInDialogRequest: InDialogHandler | undefined;
  private isEnded = false;
  private releaseHeaders: readonly (readonly [string, string])[] | undefined;

  constructor(protected readonly host: LegHost) {
    super();
  }

  get ended(): boolean {
    return this.isEnded;
  }

  /**
   * The dialog id this leg is registered under: one string per leg, made once (its hash is computed by the
   * first Map operation and kept), not a new string per register and unregister.
   */
  abstract readonly id: string;

  /** A request whose To tag is ours (§12.2.2). */
  receive(incoming: IncomingRequest): void {
    const { request, transaction } = incoming;
    if (request.method === 'ACK') {
      this.receiveAck(request);
      return;
    }
    if (!transaction) return;
    if (!this.dialog || this.ended) {
      transaction.respond(481, 'Call/Transaction Does Not Exist');
      return;
    }
    if (!this.dialog.acceptRemoteSeq(request.cseq.seq)) {
      transaction.respond(500, 'Server Internal Error', { headers: [['retry-after', '1']] });
      return;
    }
    if (request.method === 'BYE') {
      transaction.respond(200, 'OK');
      this.end('remoteBye');
    } else if (this.onInDialogRequest) this.onInDialogRequest(incoming);
    else answerAlone(incoming);
  }

  /** Sends a request inside the dialog (§12.2.1.1) in a new client transaction. */
  sendInDialog(spec: Omit<InDialogRequest, 'via'>): ClientTransaction | undefined {
    const dialog = this.dialog;
    if (!dialog) return undefined;
    // One object shape for every caller (no spread): `Dialog.request` reads it on each call.
    const request = dialog.request({
      method: spec.method,
      via: this.host.stack.viaFor(dialog.peer),
      maxForwards: spec.maxForwards,
      headers: spec.headers,
      body: spec.body,
      cseq: spec.cseq,
    });
    return this.host.stack.sendRequest(request, dialog.peer);
  }

  /** ACK for a 2xx to a re-INVITE we sent in this dialog (§13.2.2.4): sent outside any transaction. */
  ackInDialog(seq: number): void {
    const dialog = this.dialog;
    if (!dialog) return;
    const ack = dialog.request({ method: 'ACK', via: this.host.stack.viaFor(dialog.peer), cseq: seq });
    this.host.stack.sendStateless(ack, dialog.peer);
  }

  /**
   * §15.1.1: BYE when the dialog is confirmed; otherwise what the leg can do (CANCEL, a final response).
   * The BYE carries the headers of `setReleaseHeaders`, if any.
   */
  hangup(): void {
    if (this.ended) return;
    const headers = this.releaseHeaders;
    if (this.dialog) {
      this.sendInDialog({ method: 'BYE', headers })?.on('transport-error', () => {});
      this.end('localBye');
    } else this.abandon();
  }

  /**
   * Headers for this leg's BYE whoever asks for it next: a bridge ending one leg after the other has no
   * headers of its own, so an RFC 3326 Reason given for the whole call is set here on both legs first.
   */
  setReleaseHeaders(headers: readonly (readonly [string, string])[]): void {
    this.releaseHeaders = headers;
  }

  protected abstract abandon(): void;

  protected receiveAck(_ack: SipRequest): void {}

  protected end(how: LegEnd): void {
    if (this.isEnded) return;
    this.isEnded = true;
    this.host.unregister(this.id, this);
    this.emit('ended', how);
  }

  protected override onListenerError(err: unknown): void {
    this.host.logger.error({ err }, 'b2bua leg listener threw');
  }
}

/** A leg not bridged to another answers in-dialog requests itself: nothing to negotiate with. */
function answerAlone({ request, transaction }: IncomingRequest): void {
  if (request.method === 'OPTIONS' || request.method === 'INFO') transaction?.respond(200, 'OK');
  else transaction?.respond(488, 'Not Acceptable Here');
}
