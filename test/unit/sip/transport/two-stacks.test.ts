import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAppError } from '../../../../src/errors/index.js';
import { silentLogger } from '../../../../src/log/index.js';
import {
  buildRequest,
  buildResponse,
  createSipStack,
  type Endpoint,
  generateTag,
  type IncomingRequest,
  type SipRequest,
  type SipStack,
  type SipStackOptions,
} from '../../../../src/sip/index.js';
import { TransportLayer } from '../../../../src/sip/transport/transport-layer.js';
import { freePort } from '../../../support/free-port.js';
import { RawTcpPeer, RawUdpPeer, rawRequest } from './raw-peer.js';

const started: SipStack[] = [];

async function stack(options: Partial<SipStackOptions> = {}): Promise<SipStack> {
  const s = createSipStack({
    listen: [{ host: '127.0.0.1', port: 0 }],
    transports: ['udp', 'tcp'],
    trunks: ['127.0.0.0/8', '::1'],
    logger: silentLogger(),
    ...options,
  });
  await s.start();
  started.push(s);
  return s;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

function target(s: SipStack, transport: Endpoint['transport']): Endpoint {
  return { transport, address: '127.0.0.1', port: s.boundPorts[transport][0] ?? 0 };
}

function request(method: string, via: string, destination: Endpoint): SipRequest {
  return buildRequest({
    method,
    uri: `sip:+3225550100@127.0.0.1:${destination.port};transport=${destination.transport}`,
    headers: [
      ['via', via],
      ['max-forwards', '70'],
      ['from', `<sip:+3226660100@127.0.0.1>;tag=${generateTag()}`],
      ['to', '<sip:+3225550100@127.0.0.1>'],
      ['call-id', `${generateTag()}@two-stacks`],
      ['cseq', `1 ${method}`],
      ['contact', '<sip:a@127.0.0.1>'],
    ],
  });
}

describe('two SIP stacks on loopback', () => {
  it.each(['udp', 'tcp'] as const)(
    'complete an INVITE transaction with 100, 180, 200 and a 2xx ACK over %s',
    async (transport) => {
      const [uac, uas] = [await stack(), await stack()];
      const acked = new Promise<IncomingRequest>((resolve) => {
        uas.onRequest((incoming) => {
          if (incoming.request.method === 'ACK') return resolve(incoming);
          incoming.transaction?.respond(180, undefined, { toTag: 'uas-tag' });
          incoming.transaction?.respond(200, undefined, { toTag: 'uas-tag' });
        });
      });
      const destination = target(uas, transport);
      const invite = request('INVITE', uac.viaFor(destination), destination);
      const tx = uac.sendRequest(invite, destination);
      const statuses: number[] = [];
      tx.on('response', (r) => statuses.push(r.status));
      const final = await tx.finalResponse();
      expect(final.status).toBe(200);
      expect(final.to.params.get('tag')).toBe('uas-tag');
      const ack = buildRequest({
        method: 'ACK',
        uri: invite.uriText,
        headers: [
          ['via', uac.viaFor(destination)],
          ['from', invite.headers.get('from') ?? ''],
          ['to', final.headers.get('to') ?? ''],
          ['call-id', invite.callId],
          ['cseq', '1 ACK'],
        ],
      });
      uac.sendStateless(ack, destination);
      const received = await acked;
      expect(received.transaction).toBeUndefined();
      await expect.poll(() => statuses).toEqual([100, 180, 200]);
    },
  );

  it('cancel a ringing INVITE: the UAS is told, answers 487, and the UAC ACKs it', async () => {
    const [uac, uas] = [await stack(), await stack()];
    const seen: string[] = [];
    uas.onRequest(({ request: incoming, transaction }) => {
      seen.push(incoming.method);
      transaction?.respond(180, undefined, { toTag: 'ring' });
      transaction?.on('cancel', () => transaction.respond(487, undefined, { toTag: 'ring' }));
    });
    const destination = target(uas, 'udp');
    const tx = uac.sendRequest(request('INVITE', uac.viaFor(destination), destination), destination);
    tx.on('response', (r) => {
      if (r.status === 180) tx.cancel();
    });
    expect((await tx.finalResponse()).status).toBe(487);
    await expect.poll(() => uas.stats().pendingServerTransactions).toBe(0);
    expect(seen).toEqual(['INVITE']);
  });

  it('absorb a non-INVITE retransmission over UDP: the TU answers once, the client gets one final', async () => {
    const [uac, uas] = [await stack({ timers: { t1: 50, t2: 200, t4: 250 } }), await stack()];
    const datagram = vi.spyOn(TransportLayer.prototype, 'datagram');
    const requests: IncomingRequest[] = [];
    uas.onRequest((incoming) => requests.push(incoming));
    const destination = target(uas, 'udp');
    const tx = uac.sendRequest(request('MESSAGE', uac.viaFor(destination), destination), destination);
    const arrivals = () =>
      datagram.mock.calls.filter(([data]) => data.toString('latin1').startsWith('MESSAGE')).length;
    // Timer F (64*T1 = 3.2 s) leaves ample time to answer after the first retransmission.
    await expect.poll(arrivals, { timeout: 3000, interval: 10 }).toBeGreaterThanOrEqual(2);
    expect(requests).toHaveLength(1);
    requests[0]?.transaction?.respond(200);
    const statuses: number[] = [];
    tx.on('response', (r) => statuses.push(r.status));
    expect((await tx.finalResponse()).status).toBe(200);
    expect(requests).toHaveLength(1);
    expect(statuses).toEqual([200]);
  });

  it('route a UDP response by rport to the real source port, not the sent-by port', async () => {
    const [uac, uas] = [await stack(), await stack()];
    uas.onRequest(({ transaction }) => transaction?.respond(202));
    const destination = target(uas, 'udp');
    // Port 9 (discard) in sent-by: only rport (RFC 3581 §4) gets the response back to us.
    const via = uac.viaFor(destination).replace(/:\d+;/, ':9;');
    const tx = uac.sendRequest(request('MESSAGE', via, destination), destination);
    const final = await tx.finalResponse();
    expect(final.status).toBe(202);
    expect(final.vias[0]?.rport).toBe(String(uac.boundPorts.udp[0]));
    expect(final.vias[0]?.port).toBe(9);
  });

  it('frame pipelined and split messages on one TCP connection', async () => {
    const uas = await stack();
    const peer = await RawTcpPeer.open(uas.boundPorts.tcp[0] ?? 0);
    try {
      const spec = { method: 'OPTIONS', port: 5999, transport: 'TCP' as const };
      const third = rawRequest(spec);
      peer.send(rawRequest(spec) + rawRequest(spec) + third.slice(0, 40));
      peer.send(third.slice(40));
      let text = '';
      while ((text.match(/^SIP\/2\.0 200 OK/gm) ?? []).length < 3) text += await peer.next();
      expect((text.match(/^SIP\/2\.0 200 OK/gm) ?? []).length).toBe(3);
    } finally {
      peer.close();
    }
  });

  it('reuse one TCP connection per remote address and close it once idle', async () => {
    const [uac, uas] = [await stack(), await stack({ tcpIdleMs: 100 })];
    const sources: Endpoint[] = [];
    uas.onRequest(({ transaction, source }) => {
      sources.push(source);
      transaction?.respond(200);
    });
    const destination = target(uas, 'tcp');
    for (let i = 0; i < 3; i++) {
      const tx = uac.sendRequest(request('MESSAGE', uac.viaFor(destination), destination), destination);
      expect((await tx.finalResponse()).status).toBe(200);
    }
    expect(new Set(sources.map((s) => s.port)).size).toBe(1);
    const peer = await RawTcpPeer.open(destination.port);
    const closed = new Promise<boolean>((resolve) => {
      const guard = setTimeout(() => resolve(false), 5000);
      peer.socket.once('close', () => {
        clearTimeout(guard);
        resolve(true);
      });
    });
    expect(await closed).toBe(true);
  });

  it('fail a TCP client transaction with SIP_TRANSPORT_ERROR when the connection is refused', async () => {
    const uac = await stack();
    const closed: Endpoint = { transport: 'tcp', address: '127.0.0.1', port: await freePort() };
    const tx = uac.sendRequest(request('OPTIONS', uac.viaFor(closed), closed), closed);
    const failed = new Promise<unknown>((resolve) => tx.on('transport-error', resolve));
    const outcome = await tx.finalResponse().catch((err: unknown) => err);
    expect(isAppError(outcome, 'SIP_TRANSPORT_ERROR')).toBe(true);
    expect(isAppError(await failed, 'SIP_TRANSPORT_ERROR')).toBe(true);
    expect(uac.stats().clientTransactions).toBe(0);
  });

  it('hand responses that match no transaction to the stray handler', async () => {
    const [uac, uas] = [await stack(), await stack()];
    const strays: number[] = [];
    uas.onStrayResponse((response) => strays.push(response.status));
    const destination = target(uas, 'udp');
    const probe = request('OPTIONS', uac.viaFor(destination), destination);
    uac.sendStateless(buildResponse(probe, 200, undefined, { toTag: 'x' }), destination);
    await expect.poll(() => strays).toEqual([200]);
  });

  it('serve IPv6 loopback over UDP', async () => {
    const uas = await stack({ listen: [{ host: '::1', port: 0 }], transports: ['udp'] });
    const peer = await RawUdpPeer.open('::1');
    try {
      const port = uas.boundPorts.udp[0] ?? 0;
      peer.send(rawRequest({ method: 'OPTIONS', port: peer.port, viaHost: '[::1]' }), port, '::1');
      const reply = await peer.next();
      expect(reply.startsWith('SIP/2.0 200 OK')).toBe(true);
      expect(reply).toContain(`rport=${peer.port}`);
    } finally {
      await peer.close();
    }
  });
});
