import { describe, expect, it } from 'vitest';
import { Dialog, withoutTag } from '../../../../src/sip/b2bua/index.js';

function dialog(routeSet: string[] = []): Dialog {
  return new Dialog({
    callId: 'call-1',
    localTag: 'ours',
    remoteTag: 'theirs',
    localUri: '<sip:+3222000000@127.0.0.1>',
    remoteUri: '<sip:+3211000001@127.0.0.1>',
    remoteTarget: 'sip:peer@127.0.0.1:5090',
    routeSet,
    localSeq: 1,
    remoteSeq: 5,
    peer: { transport: 'udp', address: '127.0.0.1', port: 5090 },
    contact: '<sip:127.0.0.1:5060;transport=udp>',
  });
}

describe('Dialog (RFC 3261 §12)', () => {
  it('builds in-dialog requests to the remote target with tags, route set and rising CSeq', () => {
    const d = dialog(['<sip:proxy.example;lr>']);
    const bye = d.request({ method: 'BYE', via: 'SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKa' });
    const info = d.request({ method: 'INFO', via: 'SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKb' });
    expect(bye.uriText).toBe('sip:peer@127.0.0.1:5090');
    expect(bye.from.params.get('tag')).toBe('ours');
    expect(bye.to.params.get('tag')).toBe('theirs');
    expect(bye.headers.getAll('route')).toEqual(['<sip:proxy.example;lr>']);
    expect([bye.cseq.seq, info.cseq.seq]).toEqual([2, 3]);
  });

  it('keeps the INVITE CSeq number for the ACK of a 2xx (§13.2.2.4)', () => {
    const ack = dialog().request({
      method: 'ACK',
      via: 'SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKc',
      cseq: 1,
    });
    expect(ack.cseq).toEqual({ seq: 1, method: 'ACK' });
  });

  it('refuses a remote CSeq lower than the last one (§12.2.2)', () => {
    const d = dialog();
    expect(d.acceptRemoteSeq(6)).toBe(true);
    expect(d.acceptRemoteSeq(4)).toBe(false);
  });

  it('strips the tag parameter from a header value', () => {
    expect(withoutTag('"A" <sip:a@b>;tag=123;x=y')).toBe('"A" <sip:a@b>;x=y');
  });

  it('cuts exactly what the regular expression it replaced cut', () => {
    const reference = (value: string): string => value.replace(/;\s*tag\s*=\s*[^;,\s]*/i, '');
    const values = [
      '<sip:a@b>',
      '<sip:a@b>;tag=1',
      '<sip:a@b> ; TAG = 1 ;x',
      '<sip:a@b;tag=inside>;tag=outside',
      '<sip:a@b>;tagx=1;tag=2',
      '<sip:a@b>;ta;tag',
      '<sip:a@b>;tag=',
      '<sip:a@b>;tag=a,b',
      '<sip:a@b>;tag=a b',
      '"x;tag=q" <sip:a@b>;tag=2',
      '<sip:a@b>;\ttag\u00a0=\u2003v;y',
      '<sip:a@b>;tAg=3',
    ];
    for (const value of values) expect(withoutTag(value)).toBe(reference(value));
  });
});
