import type { AppError } from '../../errors/app-error.js';
import { buildRequest, generateCallId, generateTag, parseNameAddr, type WireText } from '../message/index.js';
import type { Endpoint, SipRequest, SipResponse } from '../message/types.js';
import { Dialog, dialogId, withoutTag } from './dialog.js';
import { Leg, type LegHost } from './leg.js';
import type { SessionBody } from './server-leg.js';

export interface ClientLegSpec {
  /** The destination number: the Request-URI user. */
  readonly number: string;
  /** The egress trunk the INVITE goes to. */
  readonly destination: Endpoint;
  /** The caller's number, kept as From user (the CLI the destination sees). */
  readonly caller: string;
  readonly maxForwards: number;
  readonly session: SessionBody;
}

/**
 * How a B-leg's INVITE ended: its final response, Timer B, or a transport failure (§8.1.3.1). An answer
 * keeps only what the call needs of the 2xx (the leg lives as long as the call; the parsed response
 * would be held with it).
 */
export type ClientLegResult =
  | {
      readonly kind: 'answered';
      readonly status: number;
      readonly reason: string;
      readonly session: SessionBody;
    }
  | { readonly kind: 'rejected'; readonly response: SipResponse }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'unreachable'; readonly error: AppError };

/** A B-leg sends one INVITE; its CSeq number starts the dialog's local sequence (§12.1.2). */
const INVITE_SEQ = 1;

/**
 * A B-leg: our UAC INVITE towards one destination (§13.2). The TU ACKs every 2xx itself (§13.2.2.4),
 * retransmissions included; a 2xx after our CANCEL, or from a second fork, is ACKed and sent BYE.
 */
export class ClientLeg extends Leg {
  readonly callId = generateCallId();
  readonly localTag = generateTag();
  readonly id = dialogId(this.callId, this.localTag);
  readonly result: Promise<ClientLegResult>;
  /** 1xx responses while the INVITE is not cancelled. */
  onProvisional: ((response: SipResponse) => void) | undefined;
  private resolveResult: (result: ClientLegResult) => void = () => {};
  /** Our From without its tag and the Request-URI, for the dialog a 2xx creates (§12.1.2). */
  private localUri = '';
  private requestUri = '';
  private cancel: (() => void) | undefined;
  private cancelWanted = false;
  /** The ACK of the answer as sent: every retransmission of that 2xx gets the same bytes (§13.2.2.4). */
  private ack: WireText | undefined;
  private heard = false;

  constructor(
    host: LegHost,
    private readonly spec: ClientLegSpec,
  ) {
    super(host);
    this.result = new Promise((resolve) => {
      this.resolveResult = resolve;
    });
  }

  /** Hands the INVITE to the transaction layer. */
  start(): void {
    const invite = this.buildInvite();
    this.localUri = withoutTag(invite.headers.get('from') ?? '');
    this.requestUri = invite.uriText;
    this.host.register(this.id, this);
    const tx = this.host.stack.sendRequest(invite, this.spec.destination);
    this.cancel = () => tx.cancel();
    const onResponse = (response: SipResponse): void => this.response(response);
    const onTimeout = (): void => this.fail({ kind: 'timeout' });
    const onError = (error: AppError): void => this.fail({ kind: 'unreachable', error });
    tx.on('response', onResponse).on('timeout', onTimeout).on('transport-error', onError);
    // An answered INVITE's transaction lives on for Timer M (32 s, RFC 6026) to pass 2xx retransmissions
    // up; once the leg has ended nobody needs them, and the transaction must not keep the call alive.
    this.on('ended', () => {
      this.cancel = undefined;
      tx.off('response', onResponse).off('timeout', onTimeout).off('transport-error', onError);
    });
  }

  /** True once any response (even 100 Trying) came back: the destination is there. */
  get responded(): boolean {
    return this.heard;
  }

  /** A 2xx that no longer matched its transaction (after Timer M): ACK it again (§13.2.2.4). */
  strayResponse(response: SipResponse): void {
    if (response.status >= 200 && response.status < 300 && response.cseq.method === 'INVITE')
      this.success(response);
  }

  /** §9.1: CANCEL while no final response came; BYE if it was answered meanwhile. */
  protected abandon(): void {
    this.cancelWanted = true;
    this.cancel?.();
  }

  private response(response: SipResponse): void {
    const status = response.status;
    this.heard = true;
    if (status < 200) {
      if (!this.cancelWanted) this.onProvisional?.(response);
    } else if (status < 300) this.success(response);
    else this.fail(this.cancelWanted ? { kind: 'cancelled' } : { kind: 'rejected', response });
  }

  private fail(result: ClientLegResult): void {
    if (this.dialog) return;
    this.resolveResult(result);
    this.end('failed');
  }

  private success(response: SipResponse): void {
    const tag = response.to.params.get('tag') ?? '';
    if (this.dialog && tag === this.dialog.remoteTag) {
      if (this.ack) this.host.stack.send(this.ack, this.dialog.peer);
      return;
    }
    if (this.dialog || this.ended) {
      this.ackAndBye(this.createDialog(response));
      return;
    }
    this.dialog = this.createDialog(response);
    const ack = this.host.stack.sendStateless(this.ackFor(this.dialog), this.dialog.peer);
    this.ack = ack;
    if (this.cancelWanted) {
      this.resolveResult({ kind: 'cancelled' });
      this.hangup();
    } else {
      const { status, reason, body } = response;
      const session = { body, contentType: response.headers.get('content-type') };
      this.resolveResult({ kind: 'answered', status, reason, session });
    }
  }

  /** A 2xx we do not want (a late fork, or after we gave up): ACK it, then end it (§13.2.2.4). */
  private ackAndBye(dialog: Dialog): void {
    const stack = this.host.stack;
    stack.sendStateless(this.ackFor(dialog), dialog.peer);
    const bye = dialog.request({ method: 'BYE', via: stack.viaFor(dialog.peer) });
    stack.sendRequest(bye, dialog.peer).on('transport-error', () => {});
  }

  private ackFor(dialog: Dialog): SipRequest {
    const via = this.host.stack.viaFor(dialog.peer);
    return dialog.request({ method: 'ACK', via, cseq: INVITE_SEQ });
  }

  /** §12.1.2: route set from Record-Route reversed, remote target from the 2xx's Contact. */
  private createDialog(response: SipResponse): Dialog {
    const contact = response.headers.get('contact');
    return new Dialog({
      callId: this.callId,
      localTag: this.localTag,
      remoteTag: response.to.params.get('tag') ?? '',
      localUri: this.localUri,
      remoteUri: withoutTag(response.headers.get('to') ?? ''),
      remoteTarget: contact ? parseNameAddr(contact).uriText : this.requestUri,
      routeSet: [...response.headers.getAll('record-route')].reverse(),
      localSeq: INVITE_SEQ,
      remoteSeq: 0,
      peer: this.spec.destination,
      contact: this.host.contactFor(this.spec.destination),
    });
  }

  private buildInvite(): SipRequest {
    const { destination, number, session } = this.spec;
    const host = destination.address.includes(':') ? `[${destination.address}]` : destination.address;
    const transport = destination.transport === 'tcp' ? ';transport=tcp' : '';
    const uri = `sip:${number}@${host}:${destination.port}${transport}`;
    const caller = this.spec.caller || 'anonymous';
    const headers: [string, string][] = [
      ['via', this.host.stack.viaFor(destination)],
      ['max-forwards', String(this.spec.maxForwards)],
      ['from', `<sip:${caller}@${this.host.hostPortFor(destination)}>;tag=${this.localTag}`],
      ['to', `<sip:${number}@${host}>`],
      ['call-id', this.callId],
      ['cseq', `${INVITE_SEQ} INVITE`],
      ['contact', this.host.contactFor(destination)],
    ];
    const hasBody = session.body.length > 0;
    if (hasBody && session.contentType) headers.push(['content-type', session.contentType]);
    return buildRequest({ method: 'INVITE', uri, headers, ...(hasBody && { body: session.body }) });
  }
}
