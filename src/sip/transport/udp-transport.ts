import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { type LookupOneOptions, lookup } from 'node:dns';
import { isIP, isIPv6 } from 'node:net';
import type { HostPort } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import type { Endpoint } from '../message/types.js';
import { isV6Literal, normalizeAddress, type Transport, type TransportSink, unbracket } from './transport.js';

/**
 * RFC 3261 §18 over UDP: one dgram socket per listen address. Sends go out of the first socket of the
 * destination's address family.
 */
const UDP_BUFFER_BYTES = 4 * 1024 * 1024;

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

export class UdpTransport implements Transport {
  readonly protocol = 'udp' as const;
  private readonly sockets: Socket[] = [];
  private readonly endpoints: Endpoint[] = [];
  private v4: Socket | undefined;
  private v6: Socket | undefined;

  constructor(
    private readonly listen: readonly HostPort[],
    private readonly sink: TransportSink,
  ) {}

  get local(): readonly Endpoint[] {
    return this.endpoints;
  }

  async start(): Promise<void> {
    for (const address of this.listen) await this.bind(unbracket(address.host), address.port);
  }

  private bind(host: string, port: number): Promise<void> {
    // Bursts of a few thousand calls/s outgrow the default ~200 KiB; the kernel caps this at rmem_max.
    const socket = createSocket({
      type: isIPv6(host) ? 'udp6' : 'udp4',
      recvBufferSize: UDP_BUFFER_BYTES,
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
        this.sockets.push(socket);
        this.endpoints.push({ transport: 'udp', address: host, port: socket.address().port });
        if (isIPv6(host)) this.v6 ??= socket;
        else this.v4 ??= socket;
        resolve();
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
  send(data: Buffer, destination: Endpoint): void {
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
    socket.send(data, destination.port, address);
  }

  async stop(): Promise<void> {
    const sockets = this.sockets.splice(0);
    this.endpoints.length = 0;
    this.v4 = undefined;
    this.v6 = undefined;
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
