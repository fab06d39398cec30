import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/log/index.js';
import type { IncomingRequest, SipStack, SipStackOptions } from '../../../../src/sip/index.js';
import { createSipStack } from '../../../../src/sip/index.js';
import { DEFAULT_OVERLOAD, OverloadGuard } from '../../../../src/sip/transport/overload-guard.js';
import { header, RawUdpPeer, rawRequest, statusOf } from '../transport/raw-peer.js';

const started: SipStack[] = [];
const peers: RawUdpPeer[] = [];

async function setup(options: Partial<SipStackOptions> = {}) {
  const stack = createSipStack({
    listen: [{ host: '127.0.0.1', port: 0 }],
    transports: ['udp'],
    trunks: ['127.0.0.0/8'],
    logger: silentLogger(),
    ...options,
  });
  const requests: IncomingRequest[] = [];
  stack.onRequest((incoming) => requests.push(incoming));
  await stack.start();
  started.push(stack);
  const peer = await RawUdpPeer.open();
  peers.push(peer);
  const port = stack.boundPorts.udp[0] ?? 0;
  return { stack, peer, port, requests };
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

describe('SIP stack request policy', () => {
  it('answers out-of-dialog OPTIONS with 200 and Allow without bothering the TU', async () => {
    const { peer, port, requests } = await setup();
    peer.send(rawRequest({ method: 'OPTIONS', port: peer.port }), port);
    const reply = await peer.next();
    expect(statusOf(reply)).toBe(200);
    expect(header(reply, 'Allow')).toContain('INVITE');
    expect(requests).toHaveLength(0);
  });

  it('hands OPTIONS to the TU when told not to answer them', async () => {
    const { stack, peer, port } = await setup({ answerOptions: false });
    stack.onRequest(({ transaction }) => transaction?.respond(404));
    peer.send(rawRequest({ method: 'OPTIONS', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(404);
  });

  it('refuses an INVITE from outside the trunk ACL with 403 but still answers its OPTIONS pings', async () => {
    const { stack, peer, port, requests } = await setup({ trunks: ['10.0.0.0/8'] });
    peer.send(rawRequest({ method: 'INVITE', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(403);
    peer.send(rawRequest({ method: 'OPTIONS', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(200);
    expect(requests).toHaveLength(0);
    expect(stack.stats().refused).toEqual({ overload: 0, acl: 1, tooManyHops: 0, loop: 0 });
  });

  it('lets in-dialog requests through whatever their source (the dialog layer judges them)', async () => {
    const { peer, port, requests } = await setup({ trunks: ['10.0.0.0/8'] });
    peer.send(rawRequest({ method: 'BYE', port: peer.port, toTag: 'dialog' }), port);
    await expect.poll(() => requests.length).toBe(1);
  });

  it('answers Max-Forwards: 0 with 483 and gives the TU requests without Max-Forwards', async () => {
    const { stack, peer, port, requests } = await setup();
    peer.send(rawRequest({ method: 'INVITE', port: peer.port, maxForwards: 0 }), port);
    expect(statusOf(await peer.next())).toBe(483);
    expect(stack.stats().refused.tooManyHops).toBe(1);
    peer.send(rawRequest({ method: 'INVITE', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(100);
    expect(requests).toHaveLength(1);
  });

  it('refuses new INVITEs with 503 and Retry-After beyond the live server transaction bound', async () => {
    const { peer, port, requests } = await setup({
      overload: { maxServerTransactions: 1, retryAfterSeconds: 7 },
    });
    peer.send(rawRequest({ method: 'INVITE', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(100);
    peer.send(rawRequest({ method: 'INVITE', port: peer.port }), port);
    const refused = await peer.next();
    expect(statusOf(refused)).toBe(503);
    expect(header(refused, 'Retry-After')).toBe('7');
    expect(requests).toHaveLength(1);
    // Only transactions waiting for the TU count: once answered, the slot is free again.
    requests[0]?.transaction?.respond(486, undefined, { toTag: 'uas' });
    expect(statusOf(await peer.next())).toBe(486);
    peer.send(rawRequest({ method: 'INVITE', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(100);
  });

  it('refuses new INVITEs with 503 while the event loop lags beyond the threshold', async () => {
    const { stack, peer, port } = await setup({ overload: { maxEventLoopDelayMs: 50 } });
    stack.overloadGuard.observeDelay(51);
    peer.send(rawRequest({ method: 'INVITE', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(503);
    expect(stack.overloadGuard.reason(0)).toBe('eventLoopDelay');
    expect(stack.stats().refused.overload).toBe(1);
    expect(stack.stats().overloadRefusedBy).toEqual({
      socketWait: 0,
      eventLoopDelay: 1,
      pendingTransactions: 0,
    });
    stack.overloadGuard.observeDelay(10);
    peer.send(rawRequest({ method: 'INVITE', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(100);
  });

  it('judges an INVITE by its own measured socket wait, not by the event-loop delay of the last window', () => {
    const guard = new OverloadGuard({ ...DEFAULT_OVERLOAD, maxEventLoopDelayMs: 50, maxWaitMs: 100 });
    guard.observeDelay(500);
    expect(guard.reason(0, 20)).toBeUndefined(); // native UDP: read in time, whatever the loop's p99 said
    expect(guard.reason(0, 101)).toBe('socketWait');
    expect(guard.reason(0)).toBe('eventLoopDelay'); // TCP or dgram: the wait is unknown, the delay decides
    guard.observeDelay(10);
    expect(guard.reason(0)).toBeUndefined();
    expect(guard.reason(DEFAULT_OVERLOAD.maxServerTransactions, 20)).toBe('pendingTransactions');
  });

  it('refuses with 503 a new INVITE that waited in its socket longer than the threshold, and only that one', async () => {
    const lines: string[] = [];
    const { stack, peer, port, requests } = await setup({
      udpIo: 'native',
      overload: { maxEventLoopDelayMs: 0, maxWaitMs: 100 },
      logger: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }),
    });
    // While this thread (the engine's event loop) is kept busy for 600 ms, another thread sends an INVITE
    // at once: it waits in the stack's socket until the loop turns again, well past the 100 ms threshold,
    // and its kernel timestamp says so. The other thread reports the answer (rport: it comes back to it).
    const worker = new Worker(
      `const { createSocket } = require('node:dgram');
       const { parentPort, workerData } = require('node:worker_threads');
       const socket = createSocket('udp4');
       socket.on('message', (data) => { parentPort.postMessage(data.toString('latin1')); socket.close(); });
       parentPort.once('message', () => socket.send(Buffer.from(workerData.text, 'latin1'), workerData.port, '127.0.0.1'));`,
      { eval: true, workerData: { text: rawRequest({ method: 'INVITE', port: peer.port }), port } },
    );
    await new Promise((resolve) => worker.once('online', resolve));
    const answered = new Promise<string>((resolve) => worker.once('message', resolve));
    worker.postMessage('send');
    const busyUntil = Date.now() + 600;
    while (Date.now() < busyUntil) {
      // the engine is busy
    }
    const refused = await answered;
    await worker.terminate();
    expect(statusOf(refused)).toBe(503);
    expect(requests).toHaveLength(0);
    // Counted, and said: one warning with how many were refused and why.
    expect(stack.stats().refused.overload).toBe(1);
    expect(stack.stats().overloadRefusedBy.socketWait).toBe(1);
    const warning = lines.map((line) => JSON.parse(line)).find((l) => l.msg?.startsWith('overloaded'));
    expect(warning).toMatchObject({ refused: 1, why: 'socketWait', pendingServerTransactions: 0 });
    expect(warning.waitedMs).toBeGreaterThan(100);
    // The next INVITE, read as soon as it arrives, is taken: no window of refusals follows.
    peer.send(rawRequest({ method: 'INVITE', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(100);
    await expect.poll(() => requests.length).toBe(1);
  });

  it('answers a merged request (same From tag, Call-ID, CSeq, other branch) with 482 (§8.2.2.2)', async () => {
    const { stack, peer, port, requests } = await setup();
    const same = { method: 'INVITE', port: peer.port, callId: `merged-${process.pid}`, fromTag: 'ft' };
    peer.send(rawRequest(same), port);
    expect(statusOf(await peer.next())).toBe(100);
    peer.send(rawRequest(same), port);
    expect(statusOf(await peer.next())).toBe(482);
    expect(requests).toHaveLength(1);
    expect(stack.stats().refused.loop).toBe(1);
  });

  it('absorbs a retransmitted INVITE: the TU sees it once, the peer gets the last response again', async () => {
    const { peer, port, requests } = await setup();
    const invite = rawRequest({ method: 'INVITE', port: peer.port });
    peer.send(invite, port);
    expect(statusOf(await peer.next())).toBe(100);
    await expect.poll(() => requests.length).toBe(1);
    requests[0]?.transaction?.respond(180, undefined, { toTag: 'uas' });
    expect(statusOf(await peer.next())).toBe(180);
    peer.send(invite, port);
    expect(statusOf(await peer.next())).toBe(180);
    expect(requests).toHaveLength(1);
  });

  it('answers a CANCEL for a pending INVITE with 200 and tells the TU, which then sends 487', async () => {
    const { peer, port, requests } = await setup();
    const spec = { method: 'INVITE', port: peer.port, branch: `z9hG4bK-cancel-${process.pid}` };
    peer.send(rawRequest(spec), port);
    expect(statusOf(await peer.next())).toBe(100);
    await expect.poll(() => requests.length).toBe(1);
    const tx = requests[0]?.transaction;
    tx?.on('cancel', () => tx.respond(487, undefined, { toTag: 'uas' }));
    peer.send(rawRequest({ ...spec, method: 'CANCEL' }), port);
    const replies = [await peer.next(), await peer.next()];
    expect(replies.map((r) => `${statusOf(r)} ${header(r, 'CSeq')}`).sort()).toEqual([
      '200 1 CANCEL',
      '487 1 INVITE',
    ]);
  });

  it('answers 500 when the TU handler throws, and keeps serving', async () => {
    const { stack, peer, port } = await setup({ answerOptions: false });
    stack.onRequest(() => {
      throw new Error('TU bug');
    });
    peer.send(rawRequest({ method: 'OPTIONS', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(500);
    peer.send(rawRequest({ method: 'OPTIONS', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(500);
  });

  it('answers a CANCEL that matches nothing with 481', async () => {
    const { peer, port } = await setup();
    peer.send(rawRequest({ method: 'CANCEL', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(481);
  });

  it('answers a malformed but recognisable request with 400, drops garbage, and keeps serving', async () => {
    const { peer, port } = await setup();
    const broken = rawRequest({ method: 'INVITE', port: peer.port }).replace(
      'CSeq: 1 INVITE',
      'CSeq: one INVITE',
    );
    peer.send(broken, port);
    expect(statusOf(await peer.next())).toBe(400);
    peer.send('\u0000\u00ff nonsense \r\n\r\n', port);
    peer.send(rawRequest({ method: 'OPTIONS', port: peer.port }), port);
    expect(statusOf(await peer.next())).toBe(200);
  });

  it('answers a request over the size limit with 400 instead of parsing it', async () => {
    const { peer, port, requests } = await setup({ maxMessageBytes: 600, answerOptions: false });
    const big = rawRequest({ method: 'OPTIONS', port: peer.port }).replace(
      'Content-Length: 0',
      `Subject: ${'x'.repeat(700)}\r\nContent-Length: 0`,
    );
    peer.send(big, port);
    expect(statusOf(await peer.next())).toBe(400);
    expect(requests).toHaveLength(0);
  });

  it('passes an ACK for a 2xx to the TU and stops the 2xx retransmissions', async () => {
    const { peer, port, requests } = await setup();
    const spec = { method: 'INVITE', port: peer.port, callId: `ack-${process.pid}`, fromTag: 'fa' };
    peer.send(rawRequest(spec), port);
    expect(statusOf(await peer.next())).toBe(100);
    await expect.poll(() => requests.length).toBe(1);
    const tx = requests[0]?.transaction;
    const acked = new Promise<void>((resolve) => tx?.on('ack', () => resolve()));
    tx?.respond(200, undefined, { toTag: 'uas' });
    expect(statusOf(await peer.next())).toBe(200);
    peer.send(rawRequest({ ...spec, method: 'ACK', toTag: 'uas' }), port);
    await acked;
    await expect.poll(() => requests.length).toBe(2);
    expect(requests[1]?.request.method).toBe('ACK');
    expect(requests[1]?.transaction).toBeUndefined();
  });
});
