import { type EgressRoute, egressFor } from '../../config/config.js';
import type { Logger } from '../../log/logger.js';
import type { MediaService, MediaSession } from '../../media/index.js';
import type { Millis } from '../../plan/types.js';
import {
  type B2bua,
  type BridgeOptions,
  bridgeLegs,
  type ClientLeg,
  type ServerLeg,
  type SessionBody,
} from '../../sip/b2bua/index.js';
import type { SipResponse } from '../../sip/index.js';
import type { BridgeEnd, CallControl, ReleaseRequest, RingResult } from '../ports.js';
import { type BLegMedia, CallMedia } from './call-media.js';
import type { MediaCall } from './live-media-control.js';
import { MAX_DURATION_REASON } from './max-call-duration.js';
import { ringLegs } from './ring-legs.js';
import { RTP_TIMEOUT_REASON, type RtpTimeout } from './rtp-timeout.js';

export interface LiveCallDeps {
  readonly b2bua: B2bua;
  readonly egress: readonly EgressRoute[];
  /** Called once, when the call's first B-leg INVITE has been handed to the transport. */
  readonly onFirstInvite?: () => void;
  /** The process's RTP side; without it the call has no media and SDP passes through untouched. */
  readonly media?: MediaService;
  readonly logger?: Logger;
  /** An answered call is ended after this long (VMS_MAX_CALL_SECONDS); 0 or absent: never. */
  readonly maxCallMs?: number;
}

const INTERRUPTED: RingResult = { outcome: 'interrupted', reason: 'caller hung up while ringing' };

/**
 * The engine's CallControl for one live call: B-legs per `ring` (egress trunk by number prefix), the
 * A-leg answered with the winner's SDP and bridged, the A-leg released with the plan's status. Once
 * answered for media, B-legs carry our own offers and the winner's RTP is relayed to the caller.
 */
export class LiveCallControl implements CallControl, MediaCall {
  readonly callerGonePromise: Promise<void>;
  private gone = false;
  private markGone: () => void = () => {};
  private bridged: ClientLeg | undefined;
  private bridgeEnd: Promise<BridgeEnd> | undefined;
  private readonly ringing = new Set<ClientLeg>();
  private invited = false;
  private durationExceeded = false;
  private lastProvisional = '';
  private readonly media: CallMedia | undefined;

  constructor(
    readonly aLeg: ServerLeg,
    private readonly deps: LiveCallDeps,
  ) {
    this.callerGonePromise = new Promise((resolve) => {
      this.markGone = resolve;
    });
    // Any end of the A-leg (CANCEL, BYE, no ACK, our own BYE or final response) leaves nobody to route.
    aLeg.on('ended', () => {
      this.gone = true;
      this.markGone();
    });
    const { media, logger } = deps;
    if (media && logger) this.media = new CallMedia(media, aLeg, logger, () => this.abort('inactive'));
  }

  get callId(): string {
    return this.aLeg.callId;
  }

  /** The caller's RTP endpoint, once answered for media. */
  get mediaSession(): MediaSession | undefined {
    return this.media?.session;
  }

  get callerGone(): boolean {
    return this.gone;
  }

  /** Set when the call was released because a leg sent no RTP (the call record says so). */
  get rtpTimeout(): RtpTimeout | undefined {
    return this.media?.rtpTimeout;
  }

  /** True once the caller was answered with a destination's 2xx. */
  get answered(): boolean {
    return this.bridged !== undefined;
  }

  async ring(
    numbers: readonly string[],
    options: { parallel: boolean; ringTimeout: Millis },
  ): Promise<RingResult> {
    if (this.gone) return INTERRUPTED;
    if (this.mediaSession) return this.ringWithMedia(numbers, options.ringTimeout);
    const legs = numbers.map((number) => ({ leg: this.startLeg(number, this.aLeg.offer), number }));
    const { result, winner } = await ringLegs(legs, options.ringTimeout, this.callerGonePromise);
    for (const { leg } of legs) this.ringing.delete(leg);
    if (!winner) return result;
    if (!this.aLeg.answer(winner.session)) {
      winner.leg.hangup();
      return INTERRUPTED;
    }
    this.bridge(winner.leg);
    return result;
  }

  /** The caller already talks to our endpoint: each B-leg gets its own, relayed once it answers. */
  private async ringWithMedia(numbers: readonly string[], ringTimeout: Millis): Promise<RingResult> {
    const media = this.media as CallMedia;
    const opened: BLegMedia[] = [];
    try {
      for (const _ of numbers) opened.push(await media.openBLeg());
    } catch (err) {
      for (const b of opened) media.drop(b.session);
      return { outcome: 'congestion', reason: `no RTP port for the destination: ${String(err)}` };
    }
    const legs = numbers.map((number, i) => {
      const b = opened[i] as BLegMedia;
      return { leg: this.startLeg(number, b.offer), number, session: b.session };
    });
    const { result, winner } = await ringLegs(legs, ringTimeout, this.callerGonePromise);
    media.ringback(false);
    for (const { leg, session } of legs) {
      this.ringing.delete(leg);
      if (leg !== winner?.leg) media.drop(session);
    }
    if (!winner) return result;
    const session = legs.find((l) => l.leg === winner.leg)?.session as MediaSession;
    try {
      media.connect(session, winner.session.body);
    } catch (err) {
      winner.leg.hangup();
      media.drop(session);
      return this.gone ? INTERRUPTED : { outcome: 'unreachable', reason: `unusable answer: ${String(err)}` };
    }
    winner.leg.on('ended', () => media.drop(session));
    const caller = this.mediaSession as MediaSession;
    this.bridge(winner.leg, (incoming, from) => {
      media.answerReoffer(incoming, from === this.aLeg ? caller : session, from.dialog?.contact);
    });
    return result;
  }

  private bridge(leg: ClientLeg, answerOffer?: BridgeOptions['answerOffer']): void {
    this.bridged = leg;
    this.bridgeEnd = bridgeLegs(this.aLeg, leg, answerOffer ? { answerOffer } : {}).then((side) =>
      side === 'a' ? 'callerHangup' : 'calleeHangup',
    );
    const maxCallMs = this.deps.maxCallMs ?? 0;
    if (maxCallMs > 0) {
      // A BYE lost for good (a peer that vanished) would otherwise keep the call, and its limit slot,
      // forever: no RFC 4028 session timer runs on these calls yet.
      const timer = setTimeout(() => this.endAtMaxDuration(), maxCallMs);
      timer.unref();
      this.bridgeEnd.finally(() => clearTimeout(timer));
    }
  }

  /** True when the call was ended because it was answered for VMS_MAX_CALL_SECONDS. */
  get maxDurationReached(): boolean {
    return this.durationExceeded;
  }

  private endAtMaxDuration(): void {
    this.durationExceeded = true;
    this.deps.logger?.warn({ callId: this.callId }, 'maximum call duration: call released');
    this.giveReason(MAX_DURATION_REASON);
    this.bridged?.hangup();
    this.aLeg.hangup();
  }

  /**
   * The Reason every BYE of this call carries from now on, whichever leg the bridge ends first (it ends
   * the other one without headers of its own).
   */
  private giveReason(reason: readonly [string, string]): void {
    for (const leg of [this.aLeg, this.bridged]) leg?.setReleaseHeaders([reason]);
  }

  waitForBridgeEnd(): Promise<BridgeEnd> {
    return this.bridgeEnd ?? Promise.resolve('callerHangup');
  }

  /** Answers the caller with our RTP endpoint (once); without media configured, nothing happens. */
  async answerForMedia(): Promise<void> {
    const media = this.media;
    if (!media || this.gone) return;
    // In-dialog requests before any bridge: SIP INFO digits reach the menu (a bridge takes over later).
    this.aLeg.onInDialogRequest ??= (incoming) => media.receiveInDialog(incoming);
    await media.answer();
  }

  /** The call is over, however it ended: every RTP endpoint is closed and its ports freed. */
  dispose(): void {
    this.media?.close();
  }

  async release(request: ReleaseRequest): Promise<void> {
    if (this.aLeg.dialog) {
      this.aLeg.hangup();
      this.bridged?.hangup();
    } else this.aLeg.reject(request.status, request.reason);
  }

  /**
   * The engine is stopping, or a leg sent no RTP for VMS_RTP_TIMEOUT_MS (`inactive`): cancel what rings,
   * end what is bridged, refuse what is waiting.
   */
  abort(why: 'stopping' | 'inactive' = 'stopping'): void {
    if (why === 'inactive') {
      this.deps.logger?.info({ callId: this.callId }, 'no RTP: call released');
      this.giveReason(RTP_TIMEOUT_REASON);
    }
    for (const leg of this.ringing) leg.hangup();
    this.bridged?.hangup();
    if (this.aLeg.dialog) this.aLeg.hangup();
    else this.aLeg.reject(503, 'Service Unavailable', [['retry-after', '5']]);
  }

  private startLeg(number: string, session: SessionBody): ClientLeg {
    const route = egressFor(this.deps.egress, number);
    const leg = this.deps.b2bua.clientLeg({
      number,
      destination: { transport: route.transport, address: route.host, port: route.port },
      caller: this.aLeg.caller ?? '',
      maxForwards: this.aLeg.maxForwards - 1,
      session,
    });
    leg.onProvisional = (response) => this.relayProvisional(response);
    this.ringing.add(leg);
    leg.start();
    if (!this.invited) {
      this.invited = true;
      this.deps.onFirstInvite?.();
    }
    return leg;
  }

  /**
   * 180/183 to the caller, once per kind: parallel legs all ringing still ring once. A caller already
   * answered for media hears ringback instead (early media of a 183 with SDP is not relayed).
   */
  private relayProvisional(response: SipResponse): void {
    if (response.status !== 180 && response.status !== 183) return;
    if (this.mediaSession) {
      this.media?.ringback(true);
      return;
    }
    const kind = `${response.status}:${response.body.length > 0}`;
    if (kind === this.lastProvisional && response.body.length === 0) return;
    this.lastProvisional = kind;
    this.aLeg.provisional(response.status, response.reason, sessionOf(response));
  }
}

function sessionOf(response: SipResponse): SessionBody {
  return { body: response.body, contentType: response.headers.get('content-type') };
}
