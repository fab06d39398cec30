import { createSocket, type Socket } from 'node:dgram';
import { connect, type Socket as TcpSocket } from 'node:net';

/** Received text, in arrival order, with a bounded wait for the next one. */
class Inbox {
  private readonly queue: string[] = [];
  private waiter: ((text: string) => void) | undefined;

  push(text: string): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter(text);
    else this.queue.push(text);
  }

  next(timeoutMs: number): Promise<string> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no message within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = (text) => {
        clearTimeout(timer);
        resolve(text);
      };
    });
  }

  get pending(): number {
    return this.queue.length;
  }
}

/** A bare UDP socket on loopback playing the far end with hand-written SIP text. */
export class RawUdpPeer {
  private readonly inbox = new Inbox();
  private constructor(
    private readonly socket: Socket,
    readonly port: number,
  ) {
    socket.on('message', (data) => this.inbox.push(data.toString('latin1')));
  }

  static open(host = '127.0.0.1'): Promise<RawUdpPeer> {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    return new Promise((resolve) =>
      socket.bind(0, host, () => resolve(new RawUdpPeer(socket, socket.address().port))),
    );
  }

  send(text: string, port: number, host = '127.0.0.1'): void {
    this.socket.send(Buffer.from(text, 'latin1'), port, host);
  }

  next(timeoutMs = 5000): Promise<string> {
    return this.inbox.next(timeoutMs);
  }

  get pending(): number {
    return this.inbox.pending;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/** A bare TCP connection; `next()` yields raw chunks as they arrive (no framing: tests frame themselves). */
export class RawTcpPeer {
  private readonly inbox = new Inbox();
  private constructor(readonly socket: TcpSocket) {
    socket.on('data', (data) => this.inbox.push(data.toString('latin1')));
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawTcpPeer> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => resolve(new RawTcpPeer(socket)));
      socket.once('error', reject);
    });
  }

  send(text: string): void {
    this.socket.write(Buffer.from(text, 'latin1'));
  }

  next(timeoutMs = 5000): Promise<string> {
    return this.inbox.next(timeoutMs);
  }

  close(): void {
    this.socket.destroy();
  }
}

let sequence = 0;

export interface RawRequestSpec {
  readonly method: string;
  readonly port: number;
  readonly transport?: 'UDP' | 'TCP';
  readonly branch?: string;
  readonly callId?: string;
  readonly fromTag?: string;
  readonly toTag?: string;
  readonly cseq?: number;
  readonly maxForwards?: number;
  readonly viaHost?: string;
  readonly rport?: boolean;
}

/** A request as text, unique by default (branch, Call-ID, tag). */
export function rawRequest(spec: RawRequestSpec): string {
  sequence++;
  const cseq = spec.cseq ?? 1;
  const via = `SIP/2.0/${spec.transport ?? 'UDP'} ${spec.viaHost ?? '127.0.0.1'}:${spec.port}`;
  const lines = [
    `${spec.method} sip:+3225550100@127.0.0.1 SIP/2.0`,
    `Via: ${via};branch=${spec.branch ?? `z9hG4bK-raw-${process.pid}-${sequence}`}${spec.rport === false ? '' : ';rport'}`,
    ...(spec.maxForwards === undefined ? [] : [`Max-Forwards: ${spec.maxForwards}`]),
    `From: <sip:+3226660100@127.0.0.1>;tag=${spec.fromTag ?? `f${sequence}`}`,
    `To: <sip:+3225550100@127.0.0.1>${spec.toTag ? `;tag=${spec.toTag}` : ''}`,
    `Call-ID: ${spec.callId ?? `raw-${process.pid}-${sequence}`}`,
    `CSeq: ${cseq} ${spec.method}`,
    'Content-Length: 0',
    '',
    '',
  ];
  return lines.join('\r\n');
}

/** `SIP/2.0 200 OK` -> 200. */
export function statusOf(text: string): number {
  return Number(/^SIP\/2\.0 (\d{3})/.exec(text)?.[1] ?? Number.NaN);
}

export function header(text: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(text);
  return m?.[1]?.trim();
}
