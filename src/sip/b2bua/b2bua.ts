import type { Logger } from '../../log/logger.js';
import { parseVia } from '../message/index.js';
import type { Endpoint, SipResponse } from '../message/types.js';
import { InviteServerTransaction } from '../transaction/invite-server-transaction.js';
import { ALLOWED_METHODS } from '../transaction/request-policy.js';
import type { SipStack } from '../transaction/sip-stack.js';
import type { IncomingRequest } from '../transaction/sip-stack-options.js';
import { ClientLeg, type ClientLegSpec } from './client-leg.js';
import { dialogId } from './dialog.js';
import type { Leg, LegHost } from './leg.js';
import { ServerLeg } from './server-leg.js';

interface LocalAddress {
  readonly contact: string;
  readonly hostPort: string;
}

export interface B2buaOptions {
  readonly stack: SipStack;
  readonly logger: Logger;
  /** A new out-of-dialog INVITE that passed the stack's checks: the call's A-leg. */
  readonly onInvite: (leg: ServerLeg) => void;
}

/**
 * The TU on top of the SIP stack: new INVITEs become A-legs; in-dialog requests, 2xx ACKs and stray 2xx
 * responses are matched to their leg by Call-ID and our tag (§12.2.2); unknown dialogs get 481.
 */
export class B2bua implements LegHost {
  readonly stack: SipStack;
  readonly logger: Logger;
  private readonly legs = new Map<string, Leg>();
  /** Our Contact and host:port per transport, IPv4 and IPv6 apart (asked for twice per call). */
  private readonly locals: Record<Endpoint['transport'], { v4?: LocalAddress; v6?: LocalAddress }> = {
    udp: {},
    tcp: {},
  };
  private readonly onInvite: (leg: ServerLeg) => void;

  constructor(options: B2buaOptions) {
    this.stack = options.stack;
    this.logger = options.logger;
    this.onInvite = options.onInvite;
    this.stack.onRequest((incoming) => this.receive(incoming));
    this.stack.onStrayResponse((response) => this.stray(response));
  }

  /** Legs with a dialog or an INVITE in progress. */
  get size(): number {
    return this.legs.size;
  }

  /** A B-leg towards `spec.destination`, not started yet. */
  clientLeg(spec: ClientLegSpec): ClientLeg {
    return new ClientLeg(this, spec);
  }

  register(id: string, leg: Leg): void {
    this.legs.set(id, leg);
  }

  unregister(id: string, leg: Leg): void {
    if (this.legs.get(id) === leg) this.legs.delete(id);
  }

  contactFor(peer: Endpoint): string {
    return this.local(peer).contact;
  }

  hostPortFor(peer: Endpoint): string {
    return this.local(peer).hostPort;
  }

  private local(peer: Endpoint): LocalAddress {
    const locals = this.locals[peer.transport];
    const v6 = peer.address.includes(':');
    const known = v6 ? locals.v6 : locals.v4;
    if (known) return known;
    const via = parseVia(this.stack.viaFor(peer));
    const hostPort = via.port === undefined ? via.host : `${via.host}:${via.port}`;
    const local = { hostPort, contact: `<sip:${hostPort};transport=${peer.transport}>` };
    if (v6) locals.v6 = local;
    else locals.v4 = local;
    return local;
  }

  private receive(incoming: IncomingRequest): void {
    const { request, transaction } = incoming;
    const toTag = request.to.params.get('tag');
    if (toTag !== undefined) {
      const leg = this.legs.get(dialogId(request.callId, toTag));
      if (leg) leg.receive(incoming);
      else transaction?.respond(481, 'Call/Transaction Does Not Exist');
      return;
    }
    if (!transaction) return;
    if (transaction instanceof InviteServerTransaction) {
      this.onInvite(new ServerLeg(this, { request, source: incoming.source, transaction }));
    } else if (request.method === 'BYE') {
      transaction.respond(481, 'Call/Transaction Does Not Exist');
    } else {
      transaction.respond(405, 'Method Not Allowed', { headers: [['allow', ALLOWED_METHODS]] });
    }
  }

  private stray(response: SipResponse): void {
    const leg = this.legs.get(dialogId(response.callId, response.from.params.get('tag') ?? ''));
    if (leg instanceof ClientLeg) leg.strayResponse(response);
  }
}
