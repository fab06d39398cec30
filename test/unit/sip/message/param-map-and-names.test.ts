import { describe, expect, test } from 'vitest';
import { parseMessage, parseNameAddr, parseUri, parseVia } from '../../../../src/sip/message/index.js';
import { ParamMap } from '../../../../src/sip/message/param-map.js';

describe('ParamMap', () => {
  test('keeps the first value of a repeated name, as Map#set guarded by has did', () => {
    const params = parseVia('SIP/2.0/UDP h;branch=z9hG4bK1;BRANCH=z9hG4bK2;rport;rport=5');
    expect([...params.params]).toEqual([
      ['branch', 'z9hG4bK1'],
      ['rport', ''],
    ]);
    expect(params.branch).toBe('z9hG4bK1');
    expect(params.rport).toBe('');
  });

  test('drops repeats of many parameters too (the Set path above 16)', () => {
    const names = Array.from({ length: 40 }, (_, i) => `p${i % 20}`);
    const uri = parseUri(`sip:h;${names.map((name, i) => `${name}=${i}`).join(';')}`);
    expect(uri.params.size).toBe(20);
    expect(uri.params.get('p3')).toBe('3');
    expect([...uri.params.keys()]).toEqual(names.slice(0, 20));
  });

  test('reads like a ReadonlyMap', () => {
    const params = new ParamMap(['tag', 'a', 'lr', '']);
    expect(params.has('lr')).toBe(true);
    expect(params.has('x')).toBe(false);
    expect(params.get('x')).toBeUndefined();
    expect([...params.values()]).toEqual(['a', '']);
    const seen: string[] = [];
    params.forEach((value, name) => {
      seen.push(`${name}=${value}`);
    });
    expect(seen).toEqual(['tag=a', 'lr=']);
    expect(new Map(params)).toEqual(
      new Map([
        ['tag', 'a'],
        ['lr', ''],
      ]),
    );
    expect(parseNameAddr('<sip:a@b>').params.size).toBe(0);
  });
});

describe('header names matched in place', () => {
  const message = (lines: string): Buffer =>
    Buffer.from(
      `OPTIONS sip:h SIP/2.0\r\n${lines}\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n\r\n`,
    );

  test('any case, compact forms and LWS before the colon give the long lower-case name (§7.3.1, §7.3.3)', () => {
    const parsed = parseMessage(message('VIA: SIP/2.0/UDP h;branch=z9hG4bK1\r\nmAx-FoRwArDs : 70\r\nl: 0'));
    expect(parsed.headers.names()).toEqual([
      'via',
      'max-forwards',
      'content-length',
      'call-id',
      'cseq',
      'from',
      'to',
    ]);
    expect(parsed.headers.get('max-forwards')).toBe('70');
  });

  test('a control character is never taken for a letter or a dash', () => {
    expect(() => parseMessage(message('v: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax\rForwards: 70'))).toThrow(
      /malformed header name/,
    );
  });
});
