import { connect, createServer, isIPv6, type Server, type Socket } from 'node:net';
import type { HostPort } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import { StreamFramer } from '../message/index.js';
import type { Endpoint, SipMessage } from '../message/types.js';
import type { WireText } from '../message/wire-text.js';
import { endpointKey, normalizeAddress, type Transport, type TransportSink, unbracket } from './transport.js';

const CRLF = Buffer.from('\r\n');

/** How long an unused connection stays open (ms); trunks keep theirs busy with OPTIONS pings. */
export const DEFAULT_TCP_IDLE_MS = 5 * 60_000;

/**
 * RFC 3261 §18 over TCP: one server per listen address, one connection per remote address and port,
 * reused in both directions (§18.2.2: responses go back on the request's connection), closed when idle.
 */
export class TcpTransport implements Transport {
  readonly protocol = 'tcp' as const;
  private readonly servers: Server[] = [];
  private readonly endpoints: Endpoint[] = [];
  private readonly connections = new Map<string, Socket>();

  constructor(
    private readonly listen: readonly HostPort[],
    private readonly sink: TransportSink,
    private readonly idleMs: number = DEFAULT_TCP_IDLE_MS,
  ) {}

  get local(): readonly Endpoint[] {
    return this.endpoints;
  }

  /** Open connections (tests, metrics). */
  get connectionCount(): number {
    return this.connections.size;
  }

  async start(): Promise<void> {
    for (const address of this.listen) await this.bind(unbracket(address.host), address.port);
  }

  private bind(host: string, port: number): Promise<void> {
    const server = createServer((socket) => this.adopt(socket, this.remoteOf(socket)));
    return new Promise((resolve, reject) => {
      server.once('error', (err) => {
        reject(
          new AppError('SIP_TRANSPORT_BIND_FAILED', `tcp ${host}:${port}: ${err.message}`, { cause: err }),
        );
      });
      server.listen(port, host, () => {
        server.removeAllListeners('error');
        server.on('error', () => {});
        const bound = server.address();
        this.servers.push(server);
        this.endpoints.push({
          transport: 'tcp',
          address: host,
          port: typeof bound === 'object' && bound ? bound.port : port,
        });
        resolve();
      });
    });
  }

  private remoteOf(socket: Socket): Endpoint {
    return {
      transport: 'tcp',
      address: normalizeAddress(socket.remoteAddress ?? ''),
      port: socket.remotePort ?? 0,
    };
  }

  /** Wires a connection (accepted or opened by us) under its remote endpoint. */
  private adopt(socket: Socket, remote: Endpoint): void {
    const key = endpointKey(remote);
    this.connections.set(key, socket);
    // RFC 5626 §4.4.1: a double-CRLF ping is answered with a single CRLF pong (trunks and SBCs use it to
    // keep NAT bindings and to check the connection).
    const framer = new StreamFramer({ onKeepAlive: () => socket.writable && socket.write(CRLF) });
    socket.setNoDelay(true);
    socket.setTimeout(this.idleMs);
    socket.on('timeout', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => this.receive(socket, framer, chunk, remote));
    socket.on('error', (err) => {
      this.sink.sendError(
        remote,
        new AppError('SIP_TRANSPORT_ERROR', `tcp ${key}: ${err.message}`, { cause: err }),
      );
    });
    socket.on('close', () => {
      if (this.connections.get(key) === socket) this.connections.delete(key);
    });
  }

  private receive(socket: Socket, framer: StreamFramer, chunk: Buffer, remote: Endpoint): void {
    let items: readonly (SipMessage | Buffer)[];
    try {
      items = framer.push(chunk);
    } catch (err) {
      // §18.3: once framing is lost the stream cannot be trusted: close it.
      this.sink.framingError(remote, err);
      socket.destroy();
      return;
    }
    for (const item of items) this.sink.framed(item, remote);
  }

  send(data: WireText, destination: Endpoint): void {
    const open = this.connectionTo(destination);
    if (open) {
      open.write(data, 'latin1');
      return;
    }
    // §18.2.2: the request's connection has closed; a response goes to the Via's sent-by port instead.
    const target = destination.reconnect ?? destination;
    const address = unbracket(target.address);
    let socket = this.connectionTo(target);
    if (!socket) {
      // Writes before 'connect' are buffered by net.Socket, so no queue of our own is needed.
      socket = connect({ host: address, port: target.port, family: isIPv6(address) ? 6 : 4 });
      this.adopt(socket, { transport: 'tcp', address, port: target.port });
    }
    socket.write(data, 'latin1');
  }

  private connectionTo(endpoint: Endpoint): Socket | undefined {
    const socket = this.connections.get(endpointKey({ ...endpoint, address: unbracket(endpoint.address) }));
    return socket && !socket.destroyed ? socket : undefined;
  }

  async stop(): Promise<void> {
    for (const socket of this.connections.values()) socket.destroy();
    this.connections.clear();
    const servers = this.servers.splice(0);
    this.endpoints.length = 0;
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
