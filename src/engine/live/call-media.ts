import { AppError } from '../../errors/app-error.js';
import type { Logger } from '../../log/logger.js';
import { type MediaService, type MediaSession, parseDtmfInfo, relay } from '../../media/index.js';
import type { ServerLeg, SessionBody } from '../../sip/b2bua/index.js';
import type { IncomingRequest } from '../../sip/index.js';
import { type SdpSession, serializeSdp } from '../../sip/sdp/index.js';
import type { RtpTimeout } from './rtp-timeout.js';

/** A B-leg endpoint and the offer its INVITE carries. */
export interface BLegMedia {
  readonly session: MediaSession;
  readonly offer: SessionBody;
}

/**
 * The RTP side of one live call: the caller's endpoint once answered for media, one endpoint per B-leg
 * that rings after that, and the relay between the caller and the one that answers. Every session is
 * closed when the call ends (`close`), whichever way it ends.
 */
export class CallMedia {
  private caller: MediaSession | undefined;
  private answering: Promise<void> | undefined;
  private readonly sessions = new Set<MediaSession>();
  /** Our SDP version per endpoint: +1 for each new answer in the same session (RFC 3264 §8). */
  private readonly versions = new Map<MediaSession, number>();
  private closed = false;
  private timedOut: RtpTimeout | undefined;
  private ringing = false;

  constructor(
    private readonly service: MediaService,
    private readonly aLeg: ServerLeg,
    private readonly logger: Logger,
    /** A leg sent no RTP for VMS_RTP_TIMEOUT_MS: the call is to be released. */
    private readonly onInactive: () => void,
  ) {
    aLeg.on('ended', () => this.caller?.close());
  }

  /** The caller's endpoint, once answered for media. */
  get session(): MediaSession | undefined {
    return this.caller;
  }

  /** Set once a leg sent no RTP for VMS_RTP_TIMEOUT_MS (the call is then released). */
  get rtpTimeout(): RtpTimeout | undefined {
    return this.timedOut;
  }

  /**
   * Ringback to the caller while a destination rings (on), silence again when it stopped ringing (off).
   * An answer needs no "off": the relay ends our own audio on the caller's leg.
   */
  ringback(on: boolean): void {
    if (on === this.ringing) return; // a 180 per leg, or retransmitted: the cadence goes on
    this.ringing = on;
    void this.caller?.setBackground(on ? 'ringback' : 'silence');
  }

  /** Answers the caller with our endpoint and waits for the ACK. Idempotent; never rejects. */
  answer(): Promise<void> {
    this.answering ??= this.answerCaller();
    return this.answering;
  }

  /** A new endpoint for a B-leg and its offer. Throws MEDIA_PORTS_EXHAUSTED or MEDIA_BIND_FAILED. */
  async openBLeg(): Promise<BLegMedia> {
    const session = await this.open();
    return { session, offer: sdpBody(session.offer()) };
  }

  /** The B-leg answered: its SDP answer starts its endpoint, then RTP is relayed to and from the caller. */
  connect(b: MediaSession, answer: Buffer): void {
    const a = this.caller;
    if (a === undefined) throw new AppError('MEDIA_SESSION_CLOSED', 'the caller has no media endpoint');
    b.acceptAnswer(answer);
    relay(a, b);
  }

  /** Closes one endpoint (a B-leg that lost or failed). */
  drop(session: MediaSession): void {
    session.close();
    this.sessions.delete(session);
  }

  /**
   * In-dialog requests of the caller before any bridge: SIP INFO digits (`application/dtmf-relay`,
   * `application/dtmf`) go to the caller's endpoint; a re-INVITE or UPDATE is answered by it.
   */
  receiveInDialog(incoming: IncomingRequest): void {
    const { request, transaction } = incoming;
    if (request.method === 'INFO') {
      const digit = parseDtmfInfo(request.headers.get('content-type') ?? '', request.body);
      if (digit !== undefined) this.caller?.injectDigit(digit);
      transaction?.respond(200, 'OK');
    } else if (request.method === 'OPTIONS') transaction?.respond(200, 'OK');
    else if ((request.method === 'INVITE' || request.method === 'UPDATE') && this.caller)
      this.answerReoffer(incoming, this.caller, this.aLeg.dialog?.contact);
    else transaction?.respond(488, 'Not Acceptable Here');
  }

  /**
   * A re-INVITE or UPDATE on a relayed leg: answered by that leg's own endpoint (RFC 3264 §8), which may
   * move where it sends; the other leg never sees it. Without an offer (or an unusable one): 488.
   */
  answerReoffer({ request, transaction }: IncomingRequest, session: MediaSession, contact?: string): void {
    if (request.body.length === 0 || session.isClosed) {
      transaction?.respond(488, 'Not Acceptable Here');
      return;
    }
    try {
      const version = (this.versions.get(session) ?? 1) + 1;
      const answer = session.answer(request.body, version);
      this.versions.set(session, version);
      const headers: [string, string][] = [['content-type', 'application/sdp']];
      if (contact) headers.push(['contact', contact]);
      transaction?.respond(200, 'OK', { headers, body: serializeSdp(answer) });
    } catch {
      transaction?.respond(488, 'Not Acceptable Here');
    }
  }

  close(): void {
    this.closed = true;
    for (const session of this.sessions) session.close();
    this.sessions.clear();
  }

  private async open(): Promise<MediaSession> {
    const session = await this.service.openSession();
    if (this.closed) {
      session.close();
      throw new AppError('MEDIA_SESSION_CLOSED', 'the call ended while its media endpoint was opened');
    }
    this.sessions.add(session);
    session.onInactive(() => {
      const leg = session === this.caller ? 'caller' : 'destination';
      this.timedOut ??= { leg, timeoutMs: this.service.rtpTimeoutMs };
      this.onInactive();
    });
    return session;
  }

  private async answerCaller(): Promise<void> {
    if (this.aLeg.ended) return;
    let session: MediaSession;
    try {
      session = await this.open();
    } catch (err) {
      this.logger.warn({ err, callId: this.aLeg.callId }, 'no media endpoint for the caller');
      this.aLeg.reject(503, 'Service Unavailable');
      return;
    }
    if (this.aLeg.ended) {
      this.drop(session);
      return;
    }
    this.caller = session;
    try {
      await this.offerAnswer(session);
    } catch (err) {
      this.logger.info({ err, callId: this.aLeg.callId }, 'caller media refused');
      if (this.aLeg.dialog) this.aLeg.hangup();
      else this.aLeg.reject(statusOf(err), 'Not Acceptable Here');
      this.drop(session);
    }
  }

  /** RFC 3264 §5: answer the INVITE's offer in the 2xx, or (no offer) offer in the 2xx and read the ACK. */
  private async offerAnswer(session: MediaSession): Promise<void> {
    const offer = this.aLeg.offer.body;
    if (offer.length > 0) {
      if (this.aLeg.answer(sdpBody(session.answer(offer)))) await this.aLeg.acked;
      return;
    }
    if (!this.aLeg.answer(sdpBody(session.offer()))) return;
    const ack = await this.aLeg.acked;
    if (ack !== undefined) session.acceptAnswer(ack.body);
  }
}

function sdpBody(sdp: SdpSession): SessionBody {
  return { body: serializeSdp(sdp), contentType: 'application/sdp' };
}

/** MEDIA_SDP_* errors say which status refuses the offer (488); anything else is ours (500). */
function statusOf(err: unknown): number {
  const status = err instanceof AppError ? err.details?.status : undefined;
  return typeof status === 'number' ? status : 500;
}
