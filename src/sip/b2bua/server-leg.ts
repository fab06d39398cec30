import { generateTag, parseNameAddr } from '../message/index.js';
import type { Endpoint, SipRequest } from '../message/types.js';
import type { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import type { IncomingRequest } from '../transaction/sip-stack-options.js';
import { Dialog, dialogId, withoutTag } from './dialog.js';
import { Leg, type LegHost } from './leg.js';

/** A body with its Content-Type, passed between legs untouched (SDP when no media node is involved). */
export interface SessionBody {
  readonly body: Buffer;
  readonly contentType: string | undefined;
}

/**
 * The A-leg: our UAS side of the caller's INVITE (§13.3). Provisional and final responses carry one To
 * tag; the 2xx is retransmitted by the transaction until the ACK (§13.3.1.4, RFC 6026); a CANCEL is
 * answered 487 here at once (§9.2) and ends the leg.
 */
export class ServerLeg extends Leg {
  readonly invite: SipRequest;
  readonly source: Endpoint;
  readonly transaction: InviteServerTransaction;
  readonly localTag = generateTag();
  /**
   * The caller's ACK for our 2xx (its body is the SDP answer when our 2xx carried the offer, RFC 3264
   * §5), or undefined when the leg ended first (no ACK, CANCEL, BYE).
   */
  readonly acked: Promise<SipRequest | undefined>;
  private resolveAck: (ack: SipRequest | undefined) => void = () => {};
  private finalSent = false;
  private contact: string | undefined;

  constructor(host: LegHost, incoming: IncomingRequest & { transaction: InviteServerTransaction }) {
    super(host);
    this.invite = incoming.request;
    this.source = incoming.source;
    this.transaction = incoming.transaction;
    this.acked = new Promise((resolve) => {
      this.resolveAck = resolve;
    });
    this.on('ended', () => this.resolveAck(undefined));
    this.transaction.on('cancel', () => this.cancelled());
    this.transaction.on('ack-timeout', () => {
      if (this.ended) return; // the caller's BYE came, only its ACK was lost
      // §13.3.1.4: no ACK for our 2xx; the session is over, say so with a BYE.
      this.sendInDialog({ method: 'BYE' });
      this.end('ackTimeout');
    });
    this.transaction.on('transport-error', () => this.end('failed'));
  }

  get id(): string {
    return dialogId(this.invite.callId, this.localTag);
  }

  /** True once a final response went out. */
  get settled(): boolean {
    return this.finalSent;
  }

  /** The caller's offer, for the B-leg INVITE. */
  get offer(): SessionBody {
    return { body: this.invite.body, contentType: this.invite.headers.get('content-type') };
  }

  /** 180 or 183 (with the early media answer, if any) relayed from a B-leg. */
  provisional(status: number, reason: string, session?: SessionBody): void {
    if (this.finalSent || this.ended) return;
    this.transaction.respond(status, reason, this.responseOptions(session));
  }

  /** 200 with the callee's answer: the dialog is confirmed on our side (§12.1.1). */
  answer(session: SessionBody): boolean {
    if (this.finalSent || this.ended) return false;
    this.finalSent = true;
    this.dialog = this.createDialog();
    this.host.register(this.id, this);
    this.transaction.respond(200, 'OK', this.responseOptions(session));
    return true;
  }

  /** A final failure response; the ACK is absorbed by the transaction. */
  reject(status: number, reason: string, headers: readonly (readonly [string, string])[] = []): void {
    if (this.finalSent || this.ended) return;
    this.finalSent = true;
    this.transaction.respond(status, reason, { toTag: this.localTag, headers });
    this.end('rejected');
  }

  /** §13.3.1.4: the ACK of our 2xx reaches the TU (the transaction layer absorbs retransmissions). */
  protected override receiveAck(ack: SipRequest): void {
    if (this.dialog) this.resolveAck(ack);
  }

  protected abandon(): void {
    this.reject(480, 'Temporarily Unavailable');
  }

  private cancelled(): void {
    if (this.finalSent) return;
    this.finalSent = true;
    this.transaction.respond(487, 'Request Terminated', { toTag: this.localTag });
    this.end('cancelled');
  }

  private responseOptions(session: SessionBody | undefined) {
    this.contact ??= this.host.contactFor(this.source);
    const headers: [string, string][] = [['contact', this.contact]];
    if (session?.contentType && session.body.length > 0) headers.push(['content-type', session.contentType]);
    return {
      toTag: this.localTag,
      headers,
      ...(session && session.body.length > 0 && { body: session.body }),
    };
  }

  /** §12.1.1: route set from Record-Route in order, remote target from Contact, remote seq from CSeq. */
  private createDialog(): Dialog {
    const invite = this.invite;
    const contact = invite.headers.get('contact');
    return new Dialog({
      callId: invite.callId,
      localTag: this.localTag,
      remoteTag: invite.from.params.get('tag') ?? '',
      localUri: withoutTag(invite.headers.get('to') ?? ''),
      remoteUri: withoutTag(invite.headers.get('from') ?? ''),
      remoteTarget: contact ? parseNameAddr(contact).uriText : invite.from.uriText,
      routeSet: invite.headers.getAll('record-route'),
      localSeq: 1,
      remoteSeq: invite.cseq.seq,
      peer: this.source,
      contact: this.contact ?? this.host.contactFor(this.source),
    });
  }
}
