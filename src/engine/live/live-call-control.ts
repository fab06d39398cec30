import { type EgressRoute, egressFor } from '../../config/config.js';
import type { Millis } from '../../plan/types.js';
import {
  type B2bua,
  bridgeLegs,
  type ClientLeg,
  type ServerLeg,
  type SessionBody,
} from '../../sip/b2bua/index.js';
import { maxForwards, type SipResponse } from '../../sip/index.js';
import type { BridgeEnd, CallControl, ReleaseRequest, RingResult } from '../ports.js';
import { ringLegs } from './ring-legs.js';

export interface LiveCallDeps {
  readonly b2bua: B2bua;
  readonly egress: readonly EgressRoute[];
  /** Called once, when the call's first B-leg INVITE has been handed to the transport. */
  readonly onFirstInvite?: () => void;
}

const INTERRUPTED: RingResult = { outcome: 'interrupted', reason: 'caller hung up while ringing' };

/**
 * The engine's CallControl for one live call: B-legs per `ring` (egress trunk by number prefix), the
 * A-leg answered with the winner's SDP and bridged, the A-leg released with the plan's status.
 */
export class LiveCallControl implements CallControl {
  readonly callerGonePromise: Promise<void>;
  private gone = false;
  private markGone: () => void = () => {};
  private bridged: ClientLeg | undefined;
  private bridgeEnd: Promise<BridgeEnd> | undefined;
  private readonly ringing = new Set<ClientLeg>();
  private invited = false;
  private lastProvisional = '';

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
  }

  get callerGone(): boolean {
    return this.gone;
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
    const legs = numbers.map((number) => ({ leg: this.startLeg(number), number }));
    const { result, winner } = await ringLegs(legs, options.ringTimeout, this.callerGonePromise);
    for (const { leg } of legs) this.ringing.delete(leg);
    if (!winner) return result;
    if (!this.aLeg.answer(sessionOf(winner.response))) {
      winner.leg.hangup();
      return INTERRUPTED;
    }
    this.bridged = winner.leg;
    this.bridgeEnd = bridgeLegs(this.aLeg, winner.leg).then((side) =>
      side === 'a' ? 'callerHangup' : 'calleeHangup',
    );
    return result;
  }

  waitForBridgeEnd(): Promise<BridgeEnd> {
    return this.bridgeEnd ?? Promise.resolve('callerHangup');
  }

  /** No media endpoint yet (media issue): the caller is not answered for announcements. */
  async answerForMedia(): Promise<void> {}

  async release(request: ReleaseRequest): Promise<void> {
    if (this.aLeg.dialog) {
      this.aLeg.hangup();
      this.bridged?.hangup();
    } else this.aLeg.reject(request.status, request.reason);
  }

  /** The engine is stopping: cancel what rings, end what is bridged, refuse what is waiting. */
  abort(): void {
    for (const leg of this.ringing) leg.hangup();
    this.bridged?.hangup();
    if (this.aLeg.dialog) this.aLeg.hangup();
    else this.aLeg.reject(503, 'Service Unavailable', [['retry-after', '5']]);
  }

  private startLeg(number: string): ClientLeg {
    const route = egressFor(this.deps.egress, number);
    const leg = this.deps.b2bua.clientLeg({
      number,
      destination: { transport: route.transport, address: route.host, port: route.port },
      caller: this.aLeg.invite.from.uri.user ?? '',
      maxForwards: maxForwards(this.aLeg.invite) - 1,
      session: this.aLeg.offer,
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

  /** 180/183 to the caller, once per kind: parallel legs all ringing still ring once. */
  private relayProvisional(response: SipResponse): void {
    if (response.status !== 180 && response.status !== 183) return;
    const kind = `${response.status}:${response.body.length > 0}`;
    if (kind === this.lastProvisional && response.body.length === 0) return;
    this.lastProvisional = kind;
    this.aLeg.provisional(response.status, response.reason, sessionOf(response));
  }
}

function sessionOf(response: SipResponse): SessionBody {
  return { body: response.body, contentType: response.headers.get('content-type') };
}
