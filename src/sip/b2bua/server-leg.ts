import { generateTag, parseNameAddr } from '../message/index.js';
import type { Endpoint, SipRequest } from '../message/types.js';
import type { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import { maxForwards } from '../transaction/request-policy.js';
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
  readonly callId: string;
  /** The Request-URI user: the number the caller dialled. */
  readonly called: string | undefined;
  /** The From URI user: the caller's number as the trunk sent it. */
  readonly caller: string | undefined;
  /** The INVITE's Max-Forwards (§8.1.1.6; 70 when absent). */
  readonly maxForwards: number;
  /** The caller's offer, for the B-leg INVITE (empty body: the caller expects our offer, RFC 3264 §5). */
  readonly offer: SessionBody;
  readonly source: Endpoint;
  readonly transaction: InviteServerTransaction;
  readonly localTag = generateTag();
  readonly id: string;
  /**
   * The body of the caller's ACK for our 2xx (the SDP answer when our 2xx carried the offer, RFC 3264
   * §5), or undefined when the leg ended first (no ACK, CANCEL, BYE).
   */
  readonly acked: Promise<SessionBody | undefined>;
  /** Settles `acked` once (then a no-op): resolving a settled promise again costs V8 a runtime call. */
  private resolveAck: (ack: SessionBody | undefined) => void = () => {};
  /**
   * The parsed INVITE, until the dialog is created from it: an answered call can last hours, and its
   * messages (~100 objects each) would otherwise be copied by every young-generation GC and then kept
   * in the old one (`bench/call-path.bench.mjs`, heap per held call).
   */
  private invite: SipRequest | undefined;
  private finalSent = false;
  private contact: string | undefined;

  constructor(host: LegHost, incoming: IncomingRequest & { transaction: InviteServerTransaction }) {
    super(host);
    const invite = incoming.request;
    this.invite = invite;
    this.callId = invite.callId;
    this.id = dialogId(this.callId, this.localTag);
    this.called = invite.uri.user;
    this.caller = invite.from.uri.user;
    this.maxForwards = maxForwards(invite);
    this.offer = { body: invite.body, contentType: invite.headers.get('content-type') };
    this.source = incoming.source;
    this.transaction = incoming.transaction;
    this.acked = new Promise((resolve) => {
      this.resolveAck = (ack) => {
        this.resolveAck = ignoreAck;
        resolve(ack);
      };
    });
    this.on('ended', () => {
      this.invite = undefined;
      this.resolveAck(undefined);
    });
    this.transaction.on('cancel', () => this.cancelled());
    this.transaction.on('ack-timeout', () => {
      if (this.ended) return; // the caller's BYE came, only its ACK was lost
      // §13.3.1.4: no ACK for our 2xx; the session is over, say so with a BYE.
      this.sendInDialog({ method: 'BYE' });
      this.end('ackTimeout');
    });
    this.transaction.on('transport-error', () => this.end('failed'));
  }

  /** True once a final response went out. */
  get settled(): boolean {
    return this.finalSent;
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
    this.invite = undefined;
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
    if (this.dialog) this.resolveAck({ body: ack.body, contentType: ack.headers.get('content-type') });
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
    const invite = this.invite as SipRequest;
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

function ignoreAck(): void {}
