import type { AppError } from '../../errors/app-error.js';
import type { Endpoint, SipMessage } from '../message/types.js';
import type { WireText } from '../message/wire-text.js';

/** Where a transport hands what it receives; implemented by the transport layer. */
export interface TransportSink {
  /**
   * A UDP datagram, unparsed (size check and parsing happen once, in the layer). `data` is only valid during
   * the call: the native socket reads the next datagrams into the same memory (copy what must outlive it).
   */
  datagram(data: Buffer, source: Endpoint): void;
  /** One message framed off a TCP stream (§18.3), parsed or raw depending on the framer. */
  framed(item: SipMessage | Buffer, source: Endpoint): void;
  /** A stream could not be framed (missing or oversized Content-Length): the connection is closed. */
  framingError(source: Endpoint, error: unknown): void;
  sendError(destination: Endpoint, error: AppError): void;
}

/** One transport protocol over all its listen addresses. */
export interface Transport {
  readonly protocol: Endpoint['transport'];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Fire and forget: failures reach `TransportSink.sendError`. */
  send(data: WireText, destination: Endpoint): void;
  /** Bound addresses, with the real ports (listen port 0 picks a free one). */
  readonly local: readonly Endpoint[];
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`, dual-stack sockets) reads as plain IPv4 everywhere in the stack. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** `[2001:db8::1]` -> `2001:db8::1`: Via and URI hosts keep brackets, sockets do not. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * IPv6 or not, for picking a socket family: every IPv6 literal has a colon and no IPv4 literal or host
 * name does. `net.isIPv6` runs a large regular expression, too slow for every message sent.
 */
export function isV6Literal(address: string): boolean {
  return address.includes(':');
}

export function endpointKey(endpoint: Endpoint): string {
  return `${unbracket(endpoint.address)}|${endpoint.port}`;
}
