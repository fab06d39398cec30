import { AppError } from '../../errors/app-error.js';
import type { Endpoint, SipRequest, SipResponse } from '../message/types.js';
import type { WireText } from '../message/wire-text.js';
import type { TimerName } from './timer-queue.js';
import { TransactionBase } from './transaction-base.js';
import type { TransactionHost } from './transaction-host.js';

export type ClientTransactionState =
  | 'calling'
  | 'trying'
  | 'proceeding'
  | 'completed'
  | 'accepted'
  | 'terminated';

export interface ClientTransactionEvents {
  /** Every response for the TU: provisional, final, and (INVITE, RFC 6026 Accepted) further 2xx. */
  response: [response: SipResponse];
  /** Timer B or F fired: no final response (§8.1.3.1: treat as 408). */
  timeout: [];
  'transport-error': [error: AppError];
  terminated: [];
}

interface Waiter {
  resolve(response: SipResponse): void;
  reject(error: AppError): void;
}

/** What INVITE (§17.1.1) and non-INVITE (§17.1.2) client transactions share. */
export abstract class ClientTransaction extends TransactionBase<ClientTransactionEvents> {
  abstract override state: ClientTransactionState;
  protected retransmitInterval: number;
  private final: SipResponse | undefined;
  private failure: AppError | undefined;
  private waiters: Waiter[] | undefined;

  constructor(
    host: TransactionHost,
    key: string,
    request: SipRequest,
    /** The request as sent, reused as is for every retransmission (until a response stops them). */
    protected data: WireText | undefined,
    readonly destination: Endpoint,
  ) {
    super(host, key, request, host.timersFor(destination.transport));
    this.retransmitInterval = this.timers.a;
  }

  abstract start(): void;

  /** §9.1: only an INVITE can be cancelled; for other methods this does nothing. */
  cancel(): void {}

  abstract receiveResponse(response: SipResponse): void;
  abstract override onTimer(name: TimerName): void;

  /**
   * The first final response; rejects with SIP_TRANSACTION_TIMEOUT or SIP_TRANSPORT_ERROR, or with
   * SIP_TRANSACTION_RELEASED when asked after the transaction let its messages go (see `forgetRequest`).
   */
  finalResponse(): Promise<SipResponse> {
    if (this.final) return Promise.resolve(this.final);
    if (this.failure) return Promise.reject(this.failure);
    if (this.released) {
      const message = `transaction ${this.key} no longer holds its final response`;
      return Promise.reject(new AppError('SIP_TRANSACTION_RELEASED', message));
    }
    return new Promise((resolve, reject) => {
      this.waiters ??= [];
      this.waiters.push({ resolve, reject });
    });
  }

  /** §8.1.3.1, §17.1.4: the transport could not send; the TU treats it as a 503. */
  transportError(error: AppError): void {
    if (this.state === 'terminated') return;
    this.fail(error, 'transport-error');
  }

  protected deliver(response: SipResponse): void {
    if (response.status >= 200 && !this.final && !this.released) {
      this.final = response;
      const waiters = this.waiters;
      this.waiters = undefined;
      if (waiters) for (const w of waiters) w.resolve(response);
    }
    this.emit('response', response);
  }

  protected timeout(): void {
    const error = new AppError('SIP_TRANSACTION_TIMEOUT', `no final response to ${this.request.method}`, {
      details: { callId: this.request.callId, method: this.request.method, destination: this.destination },
    });
    this.fail(error, 'timeout');
  }

  private fail(error: AppError, event: 'timeout' | 'transport-error'): void {
    this.failure = error;
    const waiters = this.waiters;
    this.waiters = undefined;
    if (waiters) for (const w of waiters) w.reject(error);
    if (event === 'timeout') this.emit('timeout');
    else this.emit('transport-error', error);
    this.terminate();
  }

  protected send(data: WireText | undefined = this.data): void {
    if (data !== undefined) this.host.send(data, this.destination);
  }

  /** No retransmission, timeout or CANCEL can follow any more: the request and its bytes can go. */
  protected override forgetRequest(): void {
    super.forgetRequest();
    this.data = undefined;
  }

  /**
   * The parsed final response goes once the TU has it: an answered INVITE waits out Timer M (32 s), a
   * completed non-INVITE Timer K (5 s), and it would be the biggest thing either holds. (An INVITE's
   * Completed state keeps it: Timer D runs only for failed calls.)
   */
  protected forgetFinal(): void {
    this.final = undefined;
  }
}
