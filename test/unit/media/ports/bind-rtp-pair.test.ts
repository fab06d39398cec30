import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { bindRtpPair, PortPool, type RtpSocketPair } from '../../../../src/media/index.js';
import { freePort } from '../../../support/free-port.js';

const opened: (RtpSocketPair | Socket)[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) 'release' in s ? s.release() : s.close();
});

/** A one-pair pool whose pair we could bind: retried on the rare port another process takes meanwhile. */
async function onePairPool(): Promise<{ pool: PortPool; pair: RtpSocketPair }> {
  for (let attempt = 0; ; attempt++) {
    const even = (await freePort()) & ~1;
    const pool = new PortPool({ min: even, max: even + 1 });
    const pair = await bindRtpPair(pool, '127.0.0.1').catch((err) => {
      if (attempt > 10) throw err;
      return undefined;
    });
    if (pair) {
      opened.push(pair);
      return { pool, pair };
    }
  }
}

function bound(port: number): Promise<Socket> {
  const socket = createSocket('udp4');
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

describe('bindRtpPair', () => {
  it('binds RTP on the even port and RTCP on the next one', async () => {
    const { pair } = await onePairPool();
    expect(pair.port % 2).toBe(0);
    expect(pair.rtp.address().port).toBe(pair.port);
    expect(pair.rtcp.address().port).toBe(pair.port + 1);
  });

  it('throws MEDIA_PORTS_EXHAUSTED when the pool is empty, and binds again once released', async () => {
    const { pool, pair } = await onePairPool();
    await expect(bindRtpPair(pool, '127.0.0.1')).rejects.toMatchObject({ code: 'MEDIA_PORTS_EXHAUSTED' });
    pair.release();
    expect(pool.available).toBe(1);
    const again = await bindRtpPair(pool, '127.0.0.1');
    opened.push(again);
    expect(again.port).toBe(pair.port);
  });

  it('skips a pair whose RTCP port another socket holds, and gives the port back', async () => {
    const { pool, pair } = await onePairPool();
    pair.release();
    await bound(pair.port + 1);
    await expect(bindRtpPair(pool, '127.0.0.1')).rejects.toMatchObject({ code: 'MEDIA_PORTS_EXHAUSTED' });
    expect(pool.available).toBe(1);
  });
});
