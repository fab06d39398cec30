import type { AppError } from '../../errors/app-error.js';
import type { Logger } from '../../log/logger.js';
import { buildResponse, generateTag, serializeWire, type WireText, withHeaders } from '../message/index.js';
import type { Endpoint, SipMessage, SipRequest, SipResponse } from '../message/types.js';
import { compileAcl, isAllowedSource, type TrunkAcl } from '../transport/acl.js';
import { DEFAULT_OVERLOAD, OverloadGuard, type OverloadReason } from '../transport/overload-guard.js';
import { responseDestination } from '../transport/response-destination.js';
import { endpointKey } from '../transport/transport.js';
import { TransportLayer, type TransportUser } from '../transport/transport-layer.js';
import type { ClientTransaction } from './client-transaction.js';
import { InviteClientTransaction } from './invite-client-transaction.js';
import { InviteServerTransaction } from './invite-server-transaction.js';
import { NonInviteClientTransaction } from './non-invite-client-transaction.js';
import { NonInviteServerTransaction } from './non-invite-server-transaction.js';
import { formatOwnVia } from './own-via.js';
import { ALLOWED_METHODS, DEFAULT_MAX_FORWARDS, isOutOfDialog, maxForwards } from './request-policy.js';
import { ServerTransaction } from './server-transaction.js';
import type {
  IncomingRequest,
  RequestHandler,
  SipStackOptions,
  SipStackStats,
  StrayResponseHandler,
} from './sip-stack-options.js';
import { TimerQueue } from './timer-queue.js';
import { DEFAULT_TIMERS, type DerivedTimers, deriveTimers } from './timer-values.js';
import type { TransactionHost } from './transaction-host.js';
import { ackDialogKey, clientKey, mergeKey, serverKey } from './transaction-keys.js';

/**
 * The SIP stack: transports, the transaction layer (RFC 3261 §17) and the checks every request passes
 * before the TU sees it (ACL, overload, Max-Forwards, merged requests, CANCEL, OPTIONS).
 */
export class SipStack implements TransactionHost, TransportUser {
  readonly queue = new TimerQueue();
  readonly tryingDelay: number;
  private readonly transport: TransportLayer;
  private readonly timerSets: Record<Endpoint['transport'], DerivedTimers>;
  private readonly acl: TrunkAcl;
  private readonly overload: OverloadGuard;
  private readonly log: Logger;
  private readonly answerOptions: boolean;
  /** To tag of every stateless response, so their ACKs are recognised and absorbed. */
  private readonly statelessTag = generateTag();
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerTransaction>();
  private readonly merged = new Map<string, ServerTransaction>();
  private readonly invitesByDialog = new Map<string, InviteServerTransaction>();
  /** Server transactions still waiting for the TU's final response: the overload measure. */
  private unsettled = 0;
  /** Requests answered by the checks of `refusal`, by cause, since start (`stats().refused`; overload below). */
  private readonly refused = { acl: 0, tooManyHops: 0, loop: 0 };
  /** 503s for overload by the bound that refused them; `stats().refused.overload` is their sum. */
  private readonly overloadRefusedBy: Record<OverloadReason, number> = {
    socketWait: 0,
    eventLoopDelay: 0,
    pendingTransactions: 0,
  };
  /** Overload refusals since the last warning, and when that was (one warning a second at most). */
  private overloadRefusals = 0;
  private overloadLoggedAt = Number.NEGATIVE_INFINITY;
  private handler: RequestHandler | undefined;
  private strayHandler: StrayResponseHandler | undefined;

  constructor(options: SipStackOptions) {
    const timers = options.timers ?? DEFAULT_TIMERS;
    this.timerSets = { udp: deriveTimers(timers, false), tcp: deriveTimers(timers, true) };
    this.tryingDelay = Math.min(options.tryingDelayMs ?? 0, 200);
    this.acl = compileAcl(options.trunks);
    this.overload = new OverloadGuard({ ...DEFAULT_OVERLOAD, ...options.overload });
    this.log = options.logger;
    this.answerOptions = options.answerOptions ?? true;
    this.transport = new TransportLayer(options, this);
  }

  async start(): Promise<void> {
    await this.transport.start();
    this.overload.start();
  }

  async stop(): Promise<void> {
    this.overload.stop();
    this.queue.clear();
    await this.transport.stop();
  }

  onRequest(handler: RequestHandler): void {
    this.handler = handler;
  }

  onStrayResponse(handler: StrayResponseHandler): void {
    this.strayHandler = handler;
  }

  /** Bound addresses with their real ports, per transport. */
  get local(): readonly Endpoint[] {
    return this.transport.local;
  }

  /** Bound ports by transport, in listen order. */
  get boundPorts(): Record<Endpoint['transport'], number[]> {
    const ports: Record<Endpoint['transport'], number[]> = { udp: [], tcp: [] };
    for (const e of this.transport.local) ports[e.transport].push(e.port);
    return ports;
  }

  /** Live transactions (pending: still waiting for the TU's final response) and queued timers. */
  stats(): SipStackStats {
    const { socketWait, eventLoopDelay, pendingTransactions } = this.overloadRefusedBy;
    return {
      serverTransactions: this.servers.size,
      pendingServerTransactions: this.unsettled,
      clientTransactions: this.clients.size,
      timers: this.queue.size,
      refused: { overload: socketWait + eventLoopDelay + pendingTransactions, ...this.refused },
      overloadRefusedBy: { socketWait, eventLoopDelay, pendingTransactions },
    };
  }

  /** The overload guard, to feed it or read its state (metrics, tests). */
  get overloadGuard(): OverloadGuard {
    return this.overload;
  }

  /**
   * A top Via for a request the TU builds towards `destination` (§8.1.1.7, §18.1.1): our sent-by for that
   * transport and address family, a fresh branch, and `rport` (RFC 3581 §3).
   */
  viaFor(destination: Endpoint): string {
    return formatOwnVia(this.transport.sentBy(destination), destination.transport);
  }

  /**
   * Sends a request in a new client transaction (§17.1); its top Via (see `viaFor`) keys the
   * transaction. A missing Max-Forwards is set to 70 (§8.1.1.6). ACK for a 2xx: use `sendStateless`.
   */
  sendRequest(request: SipRequest, destination: Endpoint): ClientTransaction {
    const prepared = this.prepare(request);
    const key = clientKey(prepared) ?? '';
    const data = serializeWire(prepared);
    const tx =
      prepared.method === 'INVITE'
        ? new InviteClientTransaction(this, key, prepared, data, destination)
        : new NonInviteClientTransaction(this, key, prepared, data, destination);
    this.clients.set(key, tx);
    tx.start();
    return tx;
  }

  /**
   * Sends outside any transaction: an ACK for a 2xx (§13.2.2.4), a 2xx retransmission of a proxy-less
   * TU, a response to a stray request. A response without destination goes where its Via says (§18.2.2).
   * Returns the bytes sent (to send the same again with `send`), or undefined when nothing could go.
   */
  sendStateless(message: SipMessage, destination?: Endpoint): WireText | undefined {
    if (message.kind === 'request') {
      if (!destination) throw new TypeError('sendStateless: a request needs a destination');
      const data = serializeWire(this.prepare(message));
      this.transport.send(data, destination);
      return data;
    }
    const target = destination ?? responseDestination(message.vias[0], undefined);
    if (!target) return undefined;
    const data = serializeWire(message);
    this.transport.send(data, target);
    return data;
  }

  // --- TransactionHost -------------------------------------------------------------------------------

  timersFor(transport: Endpoint['transport']): DerivedTimers {
    return this.timerSets[transport];
  }

  send(data: WireText, destination: Endpoint): void {
    this.transport.send(data, destination);
  }

  settled(): void {
    this.unsettled--;
  }

  terminated(transaction: { readonly key: string }): void {
    if (!(transaction instanceof ServerTransaction)) {
      if (this.clients.get(transaction.key) === transaction) this.clients.delete(transaction.key);
      return;
    }
    if (this.servers.get(transaction.key) === transaction) this.servers.delete(transaction.key);
    const { mergeKey: merge, ackDialogKey: dialog } = transaction;
    if (merge !== undefined && this.merged.get(merge) === transaction) this.merged.delete(merge);
    if (dialog !== undefined && this.invitesByDialog.get(dialog) === transaction)
      this.invitesByDialog.delete(dialog);
  }

  startCancel(cancel: SipRequest, destination: Endpoint): void {
    this.sendRequest(cancel, destination);
  }

  listenerError(err: unknown): void {
    this.log.error({ err }, 'sip transaction listener threw');
  }

  // --- TransportUser ---------------------------------------------------------------------------------

  receive(message: SipMessage, source: Endpoint): void {
    if (message.kind === 'response') this.receiveResponse(message, source);
    else this.receiveRequest(message, source);
  }

  /** §17.1.4 / §17.2.4: every transaction bound to that peer hears about the failure. */
  sendFailed(destination: Endpoint, error: AppError): void {
    const key = endpointKey(destination);
    for (const tx of [...this.clients.values()])
      if (endpointKey(tx.destination) === key) tx.transportError(error);
    for (const tx of [...this.servers.values()]) {
      const { responseDestination: to } = tx;
      if (endpointKey(to) === key || (to.reconnect && endpointKey(to.reconnect) === key))
        tx.transportError(error);
    }
  }

  private receiveResponse(response: SipResponse, source: Endpoint): void {
    const key = clientKey(response);
    const tx = key === undefined ? undefined : this.clients.get(key);
    if (tx) tx.receiveResponse(response);
    else if (this.strayHandler) this.strayHandler(response, source);
    else this.log.debug({ callId: response.callId, status: response.status }, 'sip stray response dropped');
  }

  private receiveRequest(request: SipRequest, source: Endpoint): void {
    const key = serverKey(request);
    if (key === undefined) return;
    const existing = this.servers.get(key);
    if (existing) this.matched(existing, request, source);
    else if (request.method === 'ACK') this.strayAck(request, source);
    else if (request.method === 'CANCEL') this.cancel(request, source, key);
    else this.admit(request, source, key);
  }

  private admit(request: SipRequest, source: Endpoint, key: string): void {
    const refusal = this.refusal(request, source);
    if (refusal) this.replyStateless(request, source, refusal[0], refusal[1], refusal[2]);
    else this.newServerTransaction(request, source, key);
  }

  /** §17.2.3: a retransmission, or the ACK of a non-2xx (ACK matches its INVITE). */
  private matched(tx: ServerTransaction, request: SipRequest, source: Endpoint): void {
    if (request.method !== 'ACK') {
      tx.receiveRetransmission();
      return;
    }
    if (!(tx instanceof InviteServerTransaction)) return;
    const for2xx = tx.state === 'accepted';
    tx.receiveAck(request);
    // A peer reusing the INVITE branch for its 2xx ACK: the TU still needs that ACK.
    if (for2xx) this.deliver({ request, source, transaction: undefined });
  }

  /** An ACK with no transaction: ours for a stateless reject (absorbed), or end-to-end for a 2xx. */
  private strayAck(request: SipRequest, source: Endpoint): void {
    if (request.to.params.get('tag') === this.statelessTag) return;
    this.invitesByDialog.get(ackDialogKey(request))?.receiveAck(request);
    this.deliver({ request, source, transaction: undefined });
  }

  /** §9.2: 200 to a CANCEL that matches an INVITE server transaction, 481 otherwise. */
  private cancel(request: SipRequest, source: Endpoint, key: string): void {
    const invite = this.servers.get(serverKey(request, 'INVITE') ?? '');
    if (!(invite instanceof InviteServerTransaction)) {
      this.replyStateless(request, source, 481, 'Call/Transaction Does Not Exist');
      return;
    }
    const tx = this.createServer(request, source, key);
    tx.respond(200, 'OK', invite.toTag === undefined ? undefined : { toTag: invite.toTag });
    invite.cancelled(request);
  }

  /** The checks of §8.2 and our own policy, cheapest first; undefined means accept. Counted by cause. */
  private refusal(request: SipRequest, source: Endpoint): [number, string, [string, string][]?] | undefined {
    const fresh = isOutOfDialog(request);
    if (fresh && request.method !== 'OPTIONS' && !isAllowedSource(this.acl, source.address)) {
      this.refused.acl++;
      return [403, 'Forbidden'];
    }
    if (fresh && request.method === 'INVITE') {
      const why = this.overload.reason(this.unsettled, source.waitedMs);
      if (why !== undefined) {
        this.refusedForOverload(why, source.waitedMs);
        // RFC 3261 §21.5.4 with §20.33 Retry-After: refused before any routing work.
        const retryAfter = String(this.overload.options.retryAfterSeconds);
        return [503, 'Service Unavailable', [['retry-after', retryAfter]]];
      }
    }
    if (maxForwards(request) === 0) {
      this.refused.tooManyHops++;
      return [483, 'Too Many Hops'];
    }
    if (fresh && this.merged.has(mergeKey(request))) {
      this.refused.loop++;
      return [482, 'Loop Detected'];
    }
    return undefined;
  }

  /**
   * Counts an overload refusal and warns at most once a second while they go on, with how many since the
   * last warning and why: shedding load must never be silent, nor flood the log.
   */
  private refusedForOverload(why: OverloadReason, waitedMs: number | undefined): void {
    this.overloadRefusedBy[why]++;
    this.overloadRefusals++;
    const now = performance.now();
    if (now - this.overloadLoggedAt < 1000) return;
    this.log.warn(
      {
        refused: this.overloadRefusals,
        why,
        ...(waitedMs !== undefined && { waitedMs: Math.round(waitedMs) }),
        pendingServerTransactions: this.unsettled,
      },
      'overloaded: new calls refused with 503',
    );
    this.overloadLoggedAt = now;
    this.overloadRefusals = 0;
  }

  private newServerTransaction(request: SipRequest, source: Endpoint, key: string): void {
    const tx = this.createServer(request, source, key);
    if (request.method === 'OPTIONS' && this.answerOptions && isOutOfDialog(request)) {
      tx.respond(200, 'OK', {
        headers: [
          ['allow', ALLOWED_METHODS],
          ['accept', 'application/sdp'],
        ],
      });
      return;
    }
    if (!this.handler) {
      tx.respond(503, 'Service Unavailable');
      return;
    }
    this.deliver({ request, source, transaction: tx });
  }

  /** A throwing TU must not take the stack down: log it and answer 500 if nothing final was sent. */
  private deliver(incoming: IncomingRequest): void {
    try {
      this.handler?.(incoming);
    } catch (err) {
      this.log.error({ err, callId: incoming.request.callId }, 'sip request handler threw');
      const tx = incoming.transaction;
      if (tx && tx.status < 200 && tx.state !== 'terminated') tx.respond(500, 'Server Internal Error');
    }
  }

  private createServer(request: SipRequest, source: Endpoint, key: string): ServerTransaction {
    const destination = responseDestination(request.vias[0], source) ?? source;
    const invite = request.method === 'INVITE';
    const tx = invite
      ? new InviteServerTransaction(this, key, request, source, destination)
      : new NonInviteServerTransaction(this, key, request, source, destination);
    this.servers.set(key, tx);
    this.unsettled++;
    if (isOutOfDialog(request)) {
      tx.mergeKey = mergeKey(request);
      this.merged.set(tx.mergeKey, tx);
    }
    if (tx instanceof InviteServerTransaction) {
      tx.ackDialogKey = ackDialogKey(request);
      this.invitesByDialog.set(tx.ackDialogKey, tx);
    }
    tx.start();
    return tx;
  }

  private replyStateless(
    request: SipRequest,
    source: Endpoint,
    status: number,
    reason: string,
    headers?: [string, string][],
  ): void {
    if (request.method === 'ACK') return; // §17: never answer an ACK.
    const toTag = request.to.params.get('tag') ?? this.statelessTag;
    const response = buildResponse(request, status, reason, { toTag, ...(headers ? { headers } : {}) });
    const destination = responseDestination(request.vias[0], source) ?? source;
    this.transport.send(serializeWire(response), destination);
  }

  /** §8.1.1.6: a UAC must send Max-Forwards; 70 when the TU left it out. */
  private prepare(request: SipRequest): SipRequest {
    if (request.headers.has('max-forwards')) return request;
    return withHeaders(request, { set: { 'max-forwards': String(DEFAULT_MAX_FORWARDS) } }) as SipRequest;
  }
}
