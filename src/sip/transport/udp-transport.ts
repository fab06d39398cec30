import { createSocket, type RemoteInfo } from 'node:dgram';
import { type LookupOneOptions, lookup } from 'node:dns';
import { isIP, isIPv6 } from 'node:net';
import type { HostPort } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import type { Endpoint } from '../message/types.js';
import { type WireText, wireBytes } from '../message/wire-text.js';
import { loadSipUdp, NativeUdpSocket } from './native-udp-socket.js';
import { isV6Literal, normalizeAddress, type Transport, type TransportSink, unbracket } from './transport.js';

/** How datagrams move: native/sip-udp.c (recvmmsg, sendmmsg) or Node's dgram. `VMS_SIP_UDP_IO`. */
export type UdpIo = 'native' | 'node';

/** What a listen address's socket does for the transport, whichever way datagrams move. */
interface UdpSocket {
  send(data: WireText, address: string, port: number): void;
  close(): Promise<void>;
  /** The receive buffer the kernel granted, bytes. */
  readonly receiveBufferBytes: number;
}

/**
 * Receive buffer asked per socket (VMS_SIP_UDP_BUFFER_BYTES). The kernel's ~200 KiB default holds ~0.1 s
 * of a thousand calls/s; 32 MiB rides out a few seconds of a busy event loop (a fresh engine compiling its
 * code, a major GC) instead of dropping the burst: `bench/sip-load`, a fresh engine started at 1,500
 * calls/s dropped 32,101 datagrams and failed 694 calls with 4 MiB, none with 32 MiB. Past
 * net.core.rmem_max only with CAP_NET_ADMIN (native sockets; dgram stays capped).
 */
export const DEFAULT_UDP_BUFFER_BYTES = 32 * 1024 * 1024;

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

/**
 * dgram resolves every destination before sending, IP literals included, through a callback deferred to
 * the next tick (a closure, a tick and an async-hooks scope per datagram, ~5 µs here). Almost every SIP
 * destination is an IP address (Via received, egress trunks): answer those at once, resolve names only.
 */
function lookupNow(host: string, family: LookupOneOptions | number, callback: LookupCallback): void {
  const literal = isIP(host);
  if (literal !== 0) callback(null, host, literal);
  else lookup(host, typeof family === 'number' ? { family } : family, callback);
}

/**
 * RFC 3261 §18 over UDP: one socket per listen address. Sends go out of the first socket of the
 * destination's address family.
 */
export class UdpTransport implements Transport {
  readonly protocol = 'udp' as const;
  private readonly sockets: UdpSocket[] = [];
  private readonly endpoints: Endpoint[] = [];
  private v4: UdpSocket | undefined;
  private v6: UdpSocket | undefined;

  constructor(
    private readonly listen: readonly HostPort[],
    private readonly sink: TransportSink,
    private readonly io: UdpIo = 'node',
    private readonly bufferBytes: number = DEFAULT_UDP_BUFFER_BYTES,
  ) {}

  get local(): readonly Endpoint[] {
    return this.endpoints;
  }

  /** The receive buffer asked for, and the smallest the kernel granted to one of the sockets. */
  get receiveBuffer(): { readonly asked: number; readonly granted: number } {
    const granted = Math.min(...this.sockets.map((s) => s.receiveBufferBytes));
    return { asked: this.bufferBytes, granted: Number.isFinite(granted) ? granted : this.bufferBytes };
  }

  async start(): Promise<void> {
    const addon = this.io === 'native' ? loadSipUdp() : undefined;
    for (const address of this.listen) {
      const host = unbracket(address.host);
      const bindHost = addon ? await resolveListenHost(host) : host;
      const socket = addon
        ? this.bindNative(addon, bindHost, address.port)
        : await this.bind(host, address.port);
      this.sockets.push(socket.socket);
      this.endpoints.push({ transport: 'udp', address: host, port: socket.port });
      if (isIPv6(bindHost)) this.v6 ??= socket.socket;
      else this.v4 ??= socket.socket;
    }
  }

  private bindNative(
    addon: ReturnType<typeof loadSipUdp>,
    host: string,
    port: number,
  ): { socket: UdpSocket; port: number } {
    let native: NativeUdpSocket;
    try {
      native = new NativeUdpSocket(addon, host, port, this.bufferBytes, (data, address, from, waitedMs) =>
        this.sink.datagram(data, {
          transport: 'udp',
          address: normalizeAddress(address),
          port: from,
          waitedMs,
        }),
      );
    } catch (err) {
      const message = `udp ${host}:${port}: ${(err as Error).message}`;
      throw new AppError('SIP_TRANSPORT_BIND_FAILED', message, { cause: err });
    }
    const family = isIPv6(host) ? 6 : 4;
    const socket: UdpSocket = {
      send: (data, address, to) => {
        if (isIpLiteral(address)) native.send(data, address, to);
        else resolveThen(address, family, (ip) => native.send(data, ip, to));
      },
      close: async () => native.close(),
      receiveBufferBytes: native.receiveBufferBytes,
    };
    return { socket, port: native.port };
  }

  private bind(host: string, port: number): Promise<{ socket: UdpSocket; port: number }> {
    const socket = createSocket({
      type: isIPv6(host) ? 'udp6' : 'udp4',
      recvBufferSize: this.bufferBytes,
      sendBufferSize: this.bufferBytes,
      lookup: lookupNow,
    });
    return new Promise((resolve, reject) => {
      socket.once('error', (err) => {
        reject(
          new AppError('SIP_TRANSPORT_BIND_FAILED', `udp ${host}:${port}: ${err.message}`, { cause: err }),
        );
      });
      socket.bind(port, host, () => {
        socket.removeAllListeners('error');
        socket.on('error', () => {
          // Send errors without a callback land here (ICMP unreachable...): UDP is best effort, §18.
        });
        socket.on('message', (data: Buffer, rinfo: RemoteInfo) => this.receive(data, rinfo));
        resolve({
          socket: {
            send: (data, address, to) => socket.send(wireBytes(data), to, address),
            close: () => new Promise<void>((done) => socket.close(() => done())),
            // socket(7): the kernel reports twice what it granted.
            receiveBufferBytes: socket.getRecvBufferSize() / 2,
          },
          port: socket.address().port,
        });
      });
    });
  }

  private receive(data: Buffer, rinfo: RemoteInfo): void {
    this.sink.datagram(data, {
      transport: 'udp',
      address: normalizeAddress(rinfo.address),
      port: rinfo.port,
    });
  }

  /**
   * RFC 3261 §18.1.1 would move a request over 1300 bytes (path MTU) to TCP; we stay on UDP whatever the
   * size: trunks are on loopback or a LAN, and the far end may not listen on TCP.
   */
  send(data: WireText, destination: Endpoint): void {
    const address = unbracket(destination.address);
    const socket = isV6Literal(address) ? this.v6 : this.v4;
    if (!socket) {
      const message = `no UDP socket for ${address}`;
      this.sink.sendError(
        destination,
        new AppError('SIP_TRANSPORT_ERROR', message, { details: { destination } }),
      );
      return;
    }
    socket.send(data, address, destination.port);
  }

  async stop(): Promise<void> {
    const sockets = this.sockets.splice(0);
    this.endpoints.length = 0;
    this.v4 = undefined;
    this.v6 = undefined;
    await Promise.all(sockets.map((s) => s.close()));
  }
}

/**
 * An IP literal, checked without `net.isIP`'s regular expressions (this runs for every datagram sent): a
 * host name never has a colon, and an IPv4 literal is digits and dots. A malformed literal is dropped by
 * the native send (inet_pton refuses it), as dgram drops what it cannot send.
 */
function isIpLiteral(address: string): boolean {
  if (address.includes(':')) return true;
  for (let i = 0; i < address.length; i++) {
    const code = address.charCodeAt(i);
    if (code !== 46 && (code < 48 || code > 57)) return false;
  }
  return address.length > 0;
}

/** A destination given by name (an egress trunk's host): resolved for each datagram, as dgram does. */
function resolveThen(host: string, family: 4 | 6, send: (ip: string) => void): void {
  lookup(host, { family }, (err, ip) => {
    if (!err) send(ip);
  });
}

/** The native socket binds IP literals only: a listen address given by name is resolved once, here. */
async function resolveListenHost(host: string): Promise<string> {
  if (isIP(host) !== 0) return host;
  return new Promise((resolve, reject) => {
    lookup(host, (err, ip) => {
      if (err)
        reject(new AppError('SIP_TRANSPORT_BIND_FAILED', `udp ${host}: ${err.message}`, { cause: err }));
      else resolve(ip);
    });
  });
}
