import type { HostPort } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import type { Logger } from '../../log/logger.js';
import { parseMessage } from '../message/index.js';
import type { Endpoint, SipMessage } from '../message/types.js';
import type { WireText } from '../message/wire-text.js';
import { rejectUnparsable } from './bad-request.js';
import { TcpTransport } from './tcp-transport.js';
import { isV6Literal, type Transport, type TransportSink } from './transport.js';
import { type UdpIo, UdpTransport } from './udp-transport.js';
import { stampVia } from './via-received.js';

/** Largest message accepted (bytes); a UDP datagram cannot exceed 65,507 anyway. */
export const DEFAULT_MAX_MESSAGE_BYTES = 65_535;

export interface TransportLayerOptions {
  readonly listen: readonly HostPort[];
  readonly transports: readonly Endpoint['transport'][];
  readonly maxMessageBytes?: number;
  readonly tcpIdleMs?: number;
  readonly udpIo?: UdpIo;
  readonly udpBufferBytes?: number;
  readonly logger: Logger;
}

/** The layer above: the transaction layer. */
export interface TransportUser {
  /** A parsed message; requests already carry `received`/`rport` on their top Via. */
  receive(message: SipMessage, source: Endpoint): void;
  sendFailed(destination: Endpoint, error: AppError): void;
}

/**
 * Everything between sockets and transactions: picks the transport, enforces the size limit, parses once,
 * answers unparsable requests 400 when it can (§8.2) and drops the rest, stamps the top Via (§18.2.1).
 * Nothing here logs above debug per message: at 30,000 messages/s logging is the bottleneck.
 */
export class TransportLayer implements TransportSink {
  private readonly transports = new Map<Endpoint['transport'], Transport>();
  private readonly maxBytes: number;
  private readonly log: Logger;

  constructor(
    options: TransportLayerOptions,
    private readonly user: TransportUser,
  ) {
    this.maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.log = options.logger;
    for (const protocol of new Set(options.transports)) {
      const transport =
        protocol === 'udp'
          ? new UdpTransport(options.listen, this, options.udpIo, options.udpBufferBytes)
          : new TcpTransport(options.listen, this, options.tcpIdleMs);
      this.transports.set(protocol, transport);
    }
  }

  async start(): Promise<void> {
    try {
      for (const transport of this.transports.values()) await transport.start();
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.reportCappedBuffer();
  }

  /** A receive buffer smaller than asked loses bursts the engine could have absorbed: say so at start. */
  private reportCappedBuffer(): void {
    const udp = this.transports.get('udp');
    if (!(udp instanceof UdpTransport)) return;
    const { asked, granted } = udp.receiveBuffer;
    if (granted >= asked) return;
    this.log.warn(
      { askedBytes: asked, grantedBytes: granted },
      'SIP UDP receive buffer smaller than VMS_SIP_UDP_BUFFER_BYTES: raise net.core.rmem_max ' +
        '(sysctl) or give the engine CAP_NET_ADMIN, or bursts will be dropped',
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.transports.values()].map((t) => t.stop()));
  }

  /** Every bound address, per transport, with real ports. */
  get local(): readonly Endpoint[] {
    return [...this.transports.values()].flatMap((t) => t.local);
  }

  /** Our address for a Via sent-by towards `destination`: same transport and address family. */
  sentBy(destination: Endpoint): Endpoint | undefined {
    const local = this.transports.get(destination.transport)?.local ?? [];
    const v6 = isV6Literal(destination.address);
    return local.find((e) => isV6Literal(e.address) === v6) ?? local[0];
  }

  send(data: WireText, destination: Endpoint): void {
    const transport = this.transports.get(destination.transport);
    if (transport) transport.send(data, destination);
    else this.sendError(destination, this.noTransport(destination));
  }

  datagram(data: Buffer, source: Endpoint): void {
    if (isKeepAlive(data)) return;
    if (data.length > this.maxBytes) {
      this.reject(data, source, 'Message Too Large');
      return;
    }
    this.parseAndDeliver(data, source);
  }

  framed(item: SipMessage | Buffer, source: Endpoint): void {
    if (Buffer.isBuffer(item)) this.parseAndDeliver(item, source);
    else this.deliver(item, source);
  }

  framingError(source: Endpoint, error: unknown): void {
    this.log.debug({ source, err: error }, 'sip stream framing error');
  }

  /** Deferred: a failure found while sending must not reach the TU before it could attach listeners. */
  sendError(destination: Endpoint, error: AppError): void {
    queueMicrotask(() => this.user.sendFailed(destination, error));
  }

  private parseAndDeliver(data: Buffer, source: Endpoint): void {
    let message: SipMessage;
    try {
      message = parseMessage(data);
    } catch (err) {
      this.log.debug({ source, err }, 'sip message unparsable');
      this.reject(data, source, 'Bad Request');
      return;
    }
    this.deliver(message, source);
  }

  private deliver(message: SipMessage, source: Endpoint): void {
    if (message.kind === 'request' && message.vias.length === 0) return; // Nowhere to answer (§8.1.1.7).
    try {
      this.user.receive(message.kind === 'request' ? stampVia(message, source) : message, source);
    } catch (err) {
      // A message the parser let through but the stack cannot handle: never let it crash the process.
      this.log.warn({ err, source, callId: message.callId }, 'sip message dropped');
    }
  }

  /** §8.2 (400) for requests parsable enough to answer; anything else is dropped. */
  private reject(data: Buffer, source: Endpoint, reason: string): void {
    const response = rejectUnparsable(data, 400, reason);
    if (response) this.transports.get(source.transport)?.send(response, source);
  }

  private noTransport(destination: Endpoint): AppError {
    return new AppError('SIP_TRANSPORT_ERROR', `transport ${destination.transport} is not enabled`, {
      details: { destination },
    });
  }
}

/** RFC 5626 §4.4.1 CRLF keep-alives (and stray blank datagrams) are not messages. */
function isKeepAlive(data: Buffer): boolean {
  if (data.length > 4) return false;
  for (const byte of data) if (byte !== 0x0d && byte !== 0x0a) return false;
  return true;
}
