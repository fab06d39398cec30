import type { HostPort } from '../../config/config.js';
import type { Logger } from '../../log/logger.js';
import type { Endpoint, SipRequest, SipResponse } from '../message/types.js';
import type { OverloadOptions, OverloadReason } from '../transport/overload-guard.js';
import type { UdpIo } from '../transport/udp-transport.js';
import type { ServerTransaction } from './server-transaction.js';
import type { SipTimers } from './timer-values.js';

export interface SipStackOptions {
  /** Listen addresses, used by every enabled transport; port 0 picks a free port per transport. */
  readonly listen: readonly HostPort[];
  readonly transports: readonly Endpoint['transport'][];
  /** Trunk ACL (addresses or CIDR blocks) for out-of-dialog requests other than OPTIONS. */
  readonly trunks: readonly string[];
  readonly timers?: SipTimers;
  readonly logger: Logger;
  readonly overload?: Partial<OverloadOptions>;
  /** ms before an INVITE server transaction sends 100 Trying on its own (§17.2.1, ≤ 200); 0 = at once. */
  readonly tryingDelayMs?: number;
  /** Answer out-of-dialog OPTIONS with 200 + Allow here (default true); false hands them to the handler. */
  readonly answerOptions?: boolean;
  readonly maxMessageBytes?: number;
  readonly tcpIdleMs?: number;
  /** How UDP datagrams move: native/sip-udp.c or Node's dgram (the default here; VMS_SIP_UDP_IO). */
  readonly udpIo?: UdpIo;
  /** Receive (and send) buffer asked for each UDP socket, bytes (VMS_SIP_UDP_BUFFER_BYTES). */
  readonly udpBufferBytes?: number;
}

/** A request for the TU (the B2BUA). */
export interface IncomingRequest {
  readonly request: SipRequest;
  readonly source: Endpoint;
  /**
   * The server transaction to answer through; undefined only for an ACK to a 2xx, which is end-to-end
   * and has no transaction (§17.1.1.3, §13.3.1.4).
   */
  readonly transaction: ServerTransaction | undefined;
}

export type RequestHandler = (incoming: IncomingRequest) => void;

/** A response that matched no client transaction (§18.1.2), e.g. a 2xx retransmission after Timer M. */
export type StrayResponseHandler = (response: SipResponse, source: Endpoint) => void;

export interface SipStackStats {
  readonly serverTransactions: number;
  /** Server transactions still waiting for the TU's final response (what the overload bound counts). */
  readonly pendingServerTransactions: number;
  readonly clientTransactions: number;
  /** Timer queue entries, cancelled ones not yet dropped included. */
  readonly timers: number;
  /** Requests answered before any transaction or routing, since start: by cause. */
  readonly refused: RefusedCounts;
  /** The overload refusals of `refused.overload`, by the bound that refused them (see `OverloadReason`). */
  readonly overloadRefusedBy: Readonly<Record<OverloadReason, number>>;
}

/** Requests refused by the stack's own checks (§8.2 and our policy), counted since start. */
export interface RefusedCounts {
  /** 503 to a new INVITE: overload (see `OverloadGuard`). */
  readonly overload: number;
  /** 403: a source outside the trunk ACL. */
  readonly acl: number;
  /** 483: Max-Forwards reached 0. */
  readonly tooManyHops: number;
  /** 482: a merged request (§8.2.2.2). */
  readonly loop: number;
}
