import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/log/index.js';
import {
  B2bua,
  bridgeLegs,
  type ClientLeg,
  type ServerLeg,
  type SessionBody,
} from '../../../../src/sip/b2bua/index.js';
import {
  buildRequest,
  createSipStack,
  type Endpoint,
  generateCallId,
  generateTag,
  type IncomingRequest,
  type SipRequest,
  type SipResponse,
  type SipStack,
} from '../../../../src/sip/index.js';

const stacks: SipStack[] = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.stop()));
});

async function stack(): Promise<SipStack> {
  const s = createSipStack({
    listen: [{ host: '127.0.0.1', port: 0 }],
    transports: ['udp'],
    trunks: ['127.0.0.0/8'],
    logger: silentLogger(),
  });
  await s.start();
  stacks.push(s);
  return s;
}

function endpoint(s: SipStack): Endpoint {
  return { transport: 'udp', address: '127.0.0.1', port: s.boundPorts.udp[0] ?? 0 };
}

/** A B-leg towards `callee` for +3211000001, as the call server would start it for the caller +3222000000. */
function legTo(b2bua: B2bua, callee: SipStack, session: SessionBody): ClientLeg {
  return b2bua.clientLeg({
    ...{ number: '+3211000001', destination: endpoint(callee), caller: '+3222000000', maxForwards: 69 },
    session,
  });
}

/** A request from `from` to `to`, built by hand like a peer UA would. */
function request(
  from: SipStack,
  to: Endpoint,
  method: string,
  toHeader = '<sip:+3279000001@127.0.0.1>',
): SipRequest {
  return buildRequest({
    method,
    uri: `sip:+3279000001@127.0.0.1:${to.port}`,
    headers: [
      ['via', from.viaFor(to)],
      ['max-forwards', '70'],
      ['from', `<sip:+3222000000@127.0.0.1>;tag=${generateTag()}`],
      ['to', toHeader],
      ['call-id', generateCallId()],
      ['cseq', `1 ${method}`],
      ['contact', `<sip:peer@127.0.0.1:${endpoint(from).port}>`],
    ],
  });
}

/** Requests a peer stack receives, in order, each answered by `answer`. */
function peer(s: SipStack, answer: (incoming: IncomingRequest) => void): IncomingRequest[] {
  const seen: IncomingRequest[] = [];
  s.onRequest((incoming) => {
    seen.push(incoming);
    answer(incoming);
  });
  return seen;
}

function until(check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = Date.now() + 5000;
    const poll = (): void => {
      if (check()) resolve();
      else if (Date.now() > end) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('B2bua', () => {
  it('answers 481 to an in-dialog request that matches no dialog', async () => {
    const [engine, caller] = [await stack(), await stack()];
    new B2bua({ stack: engine, logger: silentLogger(), onInvite: () => {} });
    const stray = request(caller, endpoint(engine), 'BYE', '<sip:+3279000001@127.0.0.1>;tag=nope');
    const response = await caller.sendRequest(stray, endpoint(engine)).finalResponse();
    expect(response.status).toBe(481);
  });

  it('answers 405 to an out-of-dialog INFO, with an Allow that names what bridged legs pass on', async () => {
    const [engine, caller] = [await stack(), await stack()];
    new B2bua({ stack: engine, logger: silentLogger(), onInvite: () => {} });
    const response = await caller
      .sendRequest(request(caller, endpoint(engine), 'INFO'), endpoint(engine))
      .finalResponse();
    expect(response.status).toBe(405);
    expect(response.headers.getAll('allow')).toEqual(expect.arrayContaining(['UPDATE', 'INFO', 'BYE']));
  });

  it('ACKs a 2xx that crosses its CANCEL, then ends that dialog with BYE', async () => {
    const [engine, callee] = [await stack(), await stack()];
    const b2bua = new B2bua({ stack: engine, logger: silentLogger(), onInvite: () => {} });
    const seen = peer(callee, ({ request, transaction }) => {
      if (request.method === 'INVITE') transaction?.respond(180, 'Ringing', { toTag: 'callee' });
      else if (request.method === 'BYE') transaction?.respond(200, 'OK');
    });
    const leg = legTo(b2bua, callee, { body: Buffer.alloc(0), contentType: undefined });
    let ringing = false;
    leg.onProvisional = () => {
      ringing = true;
    };
    leg.start();
    await until(() => ringing, '180');
    leg.hangup(); // CANCEL...
    const invite = seen[0];
    invite?.transaction?.respond(200, 'OK', { toTag: 'callee' }); // ...crossed by the callee's 200
    expect((await leg.result).kind).toBe('cancelled');
    await until(() => seen.some((r) => r.request.method === 'BYE'), 'BYE');
    const methods = seen.map((r) => r.request.method);
    expect(methods.indexOf('ACK')).toBeGreaterThan(0);
    expect(methods.indexOf('ACK')).toBeLessThan(methods.indexOf('BYE'));
  });

  it('bridges two legs: an INFO from the caller reaches the callee and its answer comes back', async () => {
    const [engine, caller, callee] = [await stack(), await stack(), await stack()];
    const calleeSeen = peer(callee, ({ request, transaction }) => {
      if (request.method === 'INVITE')
        transaction?.respond(200, 'OK', {
          toTag: 'callee',
          headers: [['contact', `<sip:callee@127.0.0.1:${endpoint(callee).port}>`]],
        });
      else if (request.method === 'INFO')
        transaction?.respond(200, 'OK', {
          body: Buffer.from('seen'),
          headers: [['content-type', 'text/plain']],
        });
      else if (request.method === 'BYE') transaction?.respond(200, 'OK');
    });
    let aLeg: ServerLeg | undefined;
    const b2bua = new B2bua({
      stack: engine,
      logger: silentLogger(),
      onInvite: (leg) => {
        aLeg = leg;
        const bLeg = legTo(b2bua, callee, leg.offer);
        bLeg.start();
        bLeg.result.then((r) => {
          if (r.kind !== 'answered') return;
          leg.answer(r.session);
          bridgeLegs(leg, bLeg);
        });
      },
    });
    peer(caller, () => {});
    const invite = request(caller, endpoint(engine), 'INVITE');
    const ok: SipResponse = await caller.sendRequest(invite, endpoint(engine)).finalResponse();
    expect(ok.status).toBe(200);
    const toTag = ok.to.params.get('tag') ?? '';
    const inDialog = (method: string, seq: number): SipRequest =>
      buildRequest({
        method,
        uri: 'sip:engine@127.0.0.1',
        headers: [
          ['via', caller.viaFor(endpoint(engine))],
          ['max-forwards', '70'],
          ['from', invite.headers.get('from') ?? ''],
          ['to', `${invite.headers.get('to')};tag=${toTag}`],
          ['call-id', invite.callId],
          ['cseq', `${seq} ${method}`],
          ...(method === 'INFO' ? ([['content-type', 'application/dtmf-relay']] as [string, string][]) : []),
        ],
        ...(method === 'INFO' && { body: Buffer.from('Signal=5') }),
      });
    caller.sendStateless(inDialog('ACK', 1), endpoint(engine));
    const info = await caller.sendRequest(inDialog('INFO', 2), endpoint(engine)).finalResponse();
    expect([info.status, info.body.toString()]).toEqual([200, 'seen']);
    const relayed = calleeSeen.find((r) => r.request.method === 'INFO')?.request;
    expect(relayed?.body.toString()).toBe('Signal=5');
    expect(relayed?.headers.get('max-forwards')).toBe('69');
    const bye = await caller.sendRequest(inDialog('BYE', 3), endpoint(engine)).finalResponse();
    expect(bye.status).toBe(200);
    await until(() => calleeSeen.some((r) => r.request.method === 'BYE'), 'BYE to the callee');
    expect(aLeg?.ended).toBe(true);
  });

  it('gives the A-leg the caller ACK of its 2xx, body included (the SDP answer to an offer in our 2xx)', async () => {
    const [engine, caller] = [await stack(), await stack()];
    let aLeg: ServerLeg | undefined;
    new B2bua({
      stack: engine,
      logger: silentLogger(),
      onInvite: (leg) => {
        aLeg = leg;
        leg.answer({ body: Buffer.from('v=0 offer'), contentType: 'application/sdp' });
      },
    });
    peer(caller, () => {});
    const invite = request(caller, endpoint(engine), 'INVITE');
    const ok = await caller.sendRequest(invite, endpoint(engine)).finalResponse();
    expect(ok.body.toString()).toBe('v=0 offer');
    const ack = buildRequest({
      method: 'ACK',
      uri: 'sip:engine@127.0.0.1',
      headers: [
        ['via', caller.viaFor(endpoint(engine))],
        ['max-forwards', '70'],
        ['from', invite.headers.get('from') ?? ''],
        ['to', `${invite.headers.get('to')};tag=${ok.to.params.get('tag')}`],
        ['call-id', invite.callId],
        ['cseq', '1 ACK'],
        ['content-type', 'application/sdp'],
      ],
      body: Buffer.from('v=0 answer'),
    });
    caller.sendStateless(ack, endpoint(engine));
    const acked = await aLeg?.acked;
    expect(acked?.body.toString()).toBe('v=0 answer');
  });

  it('resolves the A-leg ACK wait with undefined when the leg ends without a 2xx', async () => {
    const [engine, caller] = [await stack(), await stack()];
    let aLeg: ServerLeg | undefined;
    new B2bua({
      stack: engine,
      logger: silentLogger(),
      onInvite: (leg) => {
        aLeg = leg;
        leg.reject(486, 'Busy Here');
      },
    });
    peer(caller, () => {});
    const response = await caller
      .sendRequest(request(caller, endpoint(engine), 'INVITE'), endpoint(engine))
      .finalResponse();
    expect(response.status).toBe(486);
    expect(await aLeg?.acked).toBeUndefined();
  });

  it('answers a re-INVITE on its own side when the bridge has media endpoints of its own', async () => {
    const [engine, caller, callee] = [await stack(), await stack(), await stack()];
    const calleeSeen = peer(callee, ({ request, transaction }) => {
      if (request.method === 'INVITE')
        transaction?.respond(200, 'OK', {
          toTag: 'callee',
          headers: [['contact', `<sip:callee@127.0.0.1:${endpoint(callee).port}>`]],
        });
      else transaction?.respond(200, 'OK');
    });
    const offers: string[] = [];
    const b2bua = new B2bua({
      stack: engine,
      logger: silentLogger(),
      onInvite: (leg) => {
        const bLeg = legTo(b2bua, callee, leg.offer);
        bLeg.start();
        bLeg.result.then((r) => {
          if (r.kind !== 'answered') return;
          leg.answer({ body: Buffer.from('ours'), contentType: 'application/sdp' });
          bridgeLegs(leg, bLeg, {
            answerOffer: ({ request, transaction }, from) => {
              offers.push(`${from === leg ? 'a' : 'b'}:${request.body.toString()}`);
              transaction?.respond(200, 'OK', { body: Buffer.from('re-answer') });
            },
          });
        });
      },
    });
    peer(caller, () => {});
    const invite = request(caller, endpoint(engine), 'INVITE');
    const ok: SipResponse = await caller.sendRequest(invite, endpoint(engine)).finalResponse();
    const inDialog = (method: string, seq: number, body?: string): SipRequest =>
      buildRequest({
        method,
        uri: 'sip:engine@127.0.0.1',
        headers: [
          ['via', caller.viaFor(endpoint(engine))],
          ['max-forwards', '70'],
          ['from', invite.headers.get('from') ?? ''],
          ['to', `${invite.headers.get('to')};tag=${ok.to.params.get('tag')}`],
          ['call-id', invite.callId],
          ['cseq', `${seq} ${method}`],
        ],
        ...(body !== undefined && { body: Buffer.from(body) }),
      });
    caller.sendStateless(inDialog('ACK', 1), endpoint(engine));
    const reinvite = await caller
      .sendRequest(inDialog('INVITE', 2, 'moved'), endpoint(engine))
      .finalResponse();
    expect([reinvite.status, reinvite.body.toString()]).toEqual([200, 're-answer']);
    caller.sendStateless(inDialog('ACK', 2), endpoint(engine));
    expect(offers).toEqual(['a:moved']);
    const bye = await caller.sendRequest(inDialog('BYE', 3), endpoint(engine)).finalResponse();
    expect(bye.status).toBe(200);
    await until(() => calleeSeen.some((r) => r.request.method === 'BYE'), 'BYE to the callee');
    expect(calleeSeen.filter((r) => r.request.method === 'INVITE')).toHaveLength(1);
  });
});
