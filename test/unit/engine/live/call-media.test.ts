import { afterEach, describe, expect, it } from 'vitest';
import { CallMedia } from '../../../../src/engine/live/call-media.js';
import { silentLogger } from '../../../../src/log/logger.js';
import { MediaService } from '../../../../src/media/index.js';
import type { ServerLeg, SessionBody } from '../../../../src/sip/b2bua/index.js';
import type { IncomingRequest } from '../../../../src/sip/index.js';
import { freePort } from '../../../support/free-port.js';

const PCMA_PCMU_OFFER = sdp('m=audio 40000 RTP/AVP 0 8 101', 'a=rtpmap:101 telephone-event/8000');
const G729_OFFER = sdp('m=audio 40000 RTP/AVP 18', 'a=rtpmap:18 G729/8000');

function sdp(...media: string[]): Buffer {
  const lines = ['v=0', 'o=c 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', ...media];
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/** The A-leg as CallMedia sees it: answer, reject, hangup, the ACK, the end. */
class FakeLeg {
  readonly answers: SessionBody[] = [];
  readonly rejected: number[] = [];
  dialog: object | undefined;
  ended = false;
  readonly acked: Promise<SessionBody | undefined>;
  private ack: (ack: SessionBody | undefined) => void = () => {};
  private readonly listeners: (() => void)[] = [];
  readonly offer: SessionBody;
  readonly callId = 'call-1';

  constructor(body: Buffer) {
    this.offer = { body, contentType: 'application/sdp' };
    this.acked = new Promise((resolve) => {
      this.ack = resolve;
    });
  }
  on(_event: 'ended', listener: () => void): this {
    this.listeners.push(listener);
    return this;
  }
  answer(session: SessionBody): boolean {
    if (this.dialog || this.ended) return false;
    this.dialog = {};
    this.answers.push(session);
    return true;
  }
  reject(status: number): void {
    this.rejected.push(status);
    this.end();
  }
  hangup(): void {
    this.end();
  }
  receiveAck(body: Buffer = Buffer.alloc(0)): void {
    this.ack({ body, contentType: 'application/sdp' });
  }
  end(): void {
    this.ended = true;
    this.ack(undefined);
    for (const listener of this.listeners) listener();
  }
}

const services: MediaService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

async function setup(
  offer: Buffer,
  rtpTimeoutMs = 0,
): Promise<{ leg: FakeLeg; media: CallMedia; inactive: Promise<void> }> {
  const port = await freePort();
  const min = port - (port % 2);
  const service = new MediaService({
    rtpPorts: { min, max: min + 9 },
    rtpAddress: '127.0.0.1',
    rtpTimeoutMs,
  });
  services.push(service);
  const leg = new FakeLeg(offer);
  let onInactive = () => {};
  const inactive = new Promise<void>((resolve) => {
    onInactive = resolve;
  });
  const media = new CallMedia(service, leg as unknown as ServerLeg, silentLogger(), () => onInactive());
  return { leg, media, inactive };
}

function settledFlag(promise: Promise<unknown>): { done: boolean } {
  const flag = { done: false };
  promise.then(() => {
    flag.done = true;
  });
  return flag;
}

function inDialog(method: string, contentType: string, body: string | Buffer) {
  const responses: { status: number; body?: Buffer }[] = [];
  const incoming = {
    request: { method, headers: new Map([['content-type', contentType]]), body: Buffer.from(body) },
    transaction: {
      respond: (status: number, _reason: string, options?: { body?: Buffer }) =>
        responses.push({ status, ...(options?.body && { body: options.body }) }),
    },
  };
  return { incoming: incoming as unknown as IncomingRequest, responses };
}

const info = (contentType: string, body: string) => inDialog('INFO', contentType, body);

async function answered(offer: Buffer): Promise<{ leg: FakeLeg; media: CallMedia }> {
  const { leg, media } = await setup(offer);
  const answering = media.answer();
  await new Promise((r) => setImmediate(r));
  leg.receiveAck();
  await answering;
  return { leg, media };
}

describe('CallMedia (the caller answered for media)', () => {
  it('answers the offer with PCMA in one 200 and waits for the ACK before playing', async () => {
    const { leg, media } = await setup(PCMA_PCMU_OFFER);
    const answering = media.answer();
    const acked = settledFlag(answering);
    expect(media.answer()).toBe(answering);
    await new Promise((r) => setImmediate(r));
    expect(leg.answers).toHaveLength(1);
    const body = leg.answers[0]?.body.toString() ?? '';
    expect(leg.answers[0]?.contentType).toBe('application/sdp');
    expect(body).toMatch(new RegExp(`m=audio ${media.session?.local.port} RTP/AVP 8 101`));
    expect(acked.done).toBe(false);
    leg.receiveAck();
    await answering;
    expect(media.session?.media?.codec).toBe('PCMA');
  });

  it('refuses an offer with neither PCMA nor PCMU with 488 and frees the endpoint', async () => {
    const { leg, media } = await setup(G729_OFFER);
    await media.answer();
    expect(leg.rejected).toEqual([488]);
    expect(leg.answers).toEqual([]);
    expect(media.session?.isClosed).toBe(true);
  });

  it('offers in the 200 when the INVITE had no SDP and takes the answer from the ACK', async () => {
    const { leg, media } = await setup(Buffer.alloc(0));
    const answering = media.answer();
    await new Promise((r) => setImmediate(r));
    expect(leg.answers[0]?.body.toString()).toMatch(/m=audio \d+ RTP\/AVP 8 0 101/);
    leg.receiveAck(sdp('m=audio 40002 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000'));
    await answering;
    expect(media.session?.media?.codec).toBe('PCMU');
    expect(media.session?.media?.remote?.port).toBe(40002);
  });

  it('hands SIP INFO digits to the caller endpoint and answers them 200', async () => {
    const { leg, media } = await setup(PCMA_PCMU_OFFER);
    const answering = media.answer();
    await new Promise((r) => setImmediate(r));
    leg.receiveAck();
    await answering;
    const relayInfo = info('application/dtmf-relay', 'Signal=7\r\nDuration=160\r\n');
    const plainInfo = info('application/dtmf', '#');
    media.receiveInDialog(relayInfo.incoming);
    media.receiveInDialog(plainInfo.incoming);
    expect([...relayInfo.responses, ...plainInfo.responses].map((r) => r.status)).toEqual([200, 200]);
    expect(await media.session?.nextDigit(1000)).toBe('7');
    expect(await media.session?.nextDigit(1000)).toBe('#');
  });

  it('says which leg sent no RTP for VMS_RTP_TIMEOUT_MS when it asks for the release', async () => {
    const { leg, media, inactive } = await setup(PCMA_PCMU_OFFER, 50);
    const answering = media.answer();
    await new Promise((r) => setImmediate(r));
    leg.receiveAck();
    await answering;
    expect(media.rtpTimeout).toBeUndefined();
    await inactive;
    expect(media.rtpTimeout).toEqual({ leg: 'caller', timeoutMs: 50 });
  });

  it('closes every endpoint when the call ends', async () => {
    const { leg, media } = await setup(PCMA_PCMU_OFFER);
    const answering = media.answer();
    await new Promise((r) => setImmediate(r));
    leg.receiveAck();
    await answering;
    const b = await media.openBLeg();
    expect(b.offer.body.toString()).toMatch(/RTP\/AVP 8 0 101/);
    media.close();
    expect(media.session?.isClosed).toBe(true);
    expect(b.session.isClosed).toBe(true);
  });

  it('answers a re-INVITE of the caller itself, one SDP version up, and sends to the new address', async () => {
    const { media } = await answered(PCMA_PCMU_OFFER);
    const moved = sdp('m=audio 40004 RTP/AVP 8', 'a=rtpmap:8 PCMA/8000');
    const reinvite = inDialog('INVITE', 'application/sdp', moved);
    media.receiveInDialog(reinvite.incoming);
    expect(reinvite.responses[0]?.status).toBe(200);
    expect(reinvite.responses[0]?.body?.toString()).toMatch(/^o=\S+ \d+ 2 IN IP4/m);
    expect(media.session?.media?.remote?.port).toBe(40004);
  });

  it('refuses a re-INVITE without an offer, or with no usable codec, with 488', async () => {
    const { media } = await answered(PCMA_PCMU_OFFER);
    const empty = inDialog('INVITE', 'application/sdp', '');
    const g729 = inDialog('UPDATE', 'application/sdp', G729_OFFER);
    media.receiveInDialog(empty.incoming);
    media.receiveInDialog(g729.incoming);
    expect([...empty.responses, ...g729.responses].map((r) => r.status)).toEqual([488, 488]);
    expect(media.session?.media?.remote?.port).toBe(40000);
  });
});
