import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { AppError } from '../../errors/app-error.js';
import type { PortPool } from './port-pool.js';

/** One bound RTP/RTCP socket pair; `release` closes both and gives the port back to its pool. */
export interface RtpSocketPair {
  readonly address: string;
  readonly port: number;
  readonly rtp: Socket;
  readonly rtcp: Socket;
  release(): void;
}

/**
 * Binds RTP on the pool's next even port and RTCP on the port above (RFC 3550 §11). RTCP is only bound,
 * its packets are read and dropped: peers get no ICMP port-unreachable for their reports. A port that
 * another process holds goes back to the pool and the next one is tried; after a full round,
 * MEDIA_PORTS_EXHAUSTED.
 */
export async function bindRtpPair(pool: PortPool, address: string): Promise<RtpSocketPair> {
  const attempts = pool.available;
  for (let i = 0; i < attempts; i++) {
    const port = pool.allocate();
    const pair = await tryBind(address, port).catch((err: unknown) => {
      pool.release(port);
      throw new AppError('MEDIA_BIND_FAILED', `cannot bind RTP on ${address}:${port}`, {
        cause: err,
        details: { address, port },
      });
    });
    if (pair) {
      let released = false;
      return {
        address,
        port,
        ...pair,
        release: () => {
          if (released) return;
          released = true;
          closeQuietly(pair.rtp);
          closeQuietly(pair.rtcp);
          pool.release(port);
        },
      };
    }
    pool.release(port);
  }
  throw new AppError('MEDIA_PORTS_EXHAUSTED', `no RTP port pair could be bound on ${address}`, {
    details: { address, size: pool.size, available: pool.available },
  });
}

async function tryBind(address: string, port: number): Promise<{ rtp: Socket; rtcp: Socket } | undefined> {
  const type = isIP(address) === 6 ? 'udp6' : 'udp4';
  const rtp = await bindOne(type, address, port);
  if (!rtp) return undefined;
  const rtcp = await bindOne(type, address, port + 1).catch((err: unknown) => {
    closeQuietly(rtp);
    throw err;
  });
  if (!rtcp) {
    closeQuietly(rtp);
    return undefined;
  }
  rtcp.on('message', ignore);
  return { rtp, rtcp };
}

/** Undefined when the port is taken; rejects on any other error (bad address...): no use trying on. */
function bindOne(type: 'udp4' | 'udp6', address: string, port: number): Promise<Socket | undefined> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type, reuseAddr: false });
    const failed = (err: NodeJS.ErrnoException): void => {
      closeQuietly(socket);
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(undefined);
      else reject(err);
    };
    socket.once('error', failed);
    socket.bind({ port, address, exclusive: true }, () => {
      socket.off('error', failed);
      // A send error (ICMP unreachable surfaced by the OS) must not crash the process.
      socket.on('error', ignore);
      resolve(socket);
    });
  });
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}

function ignore(): void {}
