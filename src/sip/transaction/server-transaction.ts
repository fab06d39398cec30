import type { AppError } from '../../errors/app-error.js';
import { buildResponse, responseToTag, serializeWire, type WireText } from '../message/index.js';
import type { Endpoint, SipRequest, SipResponse } from '../message/types.js';
import type { TimerName } from './timer-queue.js';
import { TransactionBase } from './transaction-base.js';
import type { TransactionHost } from './transaction-host.js';

export type ServerTransactionState =
  | 'trying'
  | 'proceeding'
  | 'completed'
  | 'confirmed'
  | 'accepted'
  | 'terminated';

export interface ServerTransactionEvents {
  /** §9.2: a CANCEL matched this INVITE; it got its 200 already, the TU should answer the INVITE 487. */
  cancel: [cancel: SipRequest];
  /** The ACK for our 2xx arrived (§13.3.1.4); the stack stopped retransmitting the 2xx. */
  ack: [ack: SipRequest];
  /** Timer H: no ACK for our non-2xx final response (§17.2.1). */
  timeout: [];
  /** Timer L expired with no ACK for our 2xx: §13.3.1.4 says end the session (send BYE). */
  'ack-timeout': [];
  'transport-error': [error: AppError];
  terminated: [];
}

export interface RespondOptions {
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Buffer;
  readonly toTag?: string;
}

/** What INVITE (§17.2.1) and non-INVITE (§17.2.2) server transactions share. */
export abstract class ServerTransaction extends TransactionBase<ServerTransactionEvents> {
  abstract override state: ServerTransactionState;
  protected lastResponse: WireText | undefined;
  protected lastStatus = 0;
  private isSettled = false;
  /** Set by the host when it indexes the transaction (§8.2.2.2 merge, §13.3.1.4 ACK by dialog). */
  mergeKey: string | undefined;
  ackDialogKey: string | undefined;

  constructor(
    host: TransactionHost,
    key: string,
    request: SipRequest,
    /** Where the request came from (for TCP: the connection to answer on, §18.2.2). */
    readonly source: Endpoint,
    /** Where responses go (§18.2.2, RFC 3581 §4). */
    readonly responseDestination: Endpoint,
  ) {
    super(host, key, request, host.timersFor(source.transport));
  }

  /** The highest final status sent so far, or the last provisional one, 0 before any response. */
  get status(): number {
    return this.lastStatus;
  }

  /**
   * Builds the response with §8.2.6 copies of the request's headers and sends it. Undefined when the
   * transaction already let its request go (a final response went out; nothing more can be sent).
   */
  respond(status: number, reason?: string, options?: RespondOptions): SipResponse | undefined {
    if (this.released) return undefined;
    const response = buildResponse(this.request, status, reason, options);
    this.sendResponse(response, responseToTag(this.request, status, options?.toTag) ?? null);
    return response;
  }

  /**
   * Sends a response the TU built; ignored (false) when the state machine forbids it. `toTag`: the tag its
   * To carries when the sender knows it (null: none), so that it is not parsed back; undefined: read it.
   */
  abstract sendResponse(response: SipResponse, toTag?: string | null): boolean;
  /** The same request again (§17.2.3 match): resend the last response. */
  abstract receiveRetransmission(): void;
  abstract override onTimer(name: TimerName): void;

  /** §17.2.4: the response could not be sent. */
  transportError(error: AppError): void {
    if (this.state === 'terminated') return;
    this.emit('transport-error', error);
    this.terminate();
  }

  /** The CANCEL for this request was answered 200 by the layer (§9.2). */
  cancelled(cancel: SipRequest): void {
    if (this.state === 'proceeding' || this.state === 'trying') this.emit('cancel', cancel);
  }

  protected transmit(response: SipResponse): void {
    this.lastResponse = serializeWire(response);
    this.lastStatus = response.status;
    if (response.status >= 200) this.settle();
    this.resend();
  }

  protected resend(): void {
    if (this.lastResponse) this.host.send(this.lastResponse, this.responseDestination);
  }

  protected override beforeTerminated(): void {
    this.settle();
  }

  private settle(): void {
    if (this.isSettled) return;
    this.isSettled = true;
    this.host.settled(this);
  }
}
