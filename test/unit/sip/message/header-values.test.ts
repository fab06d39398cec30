import { describe, expect, test } from 'vitest';
import {
  formatNameAddr,
  formatUri,
  formatVia,
  parseNameAddr,
  parseUri,
  parseVia,
  splitHeaderList,
} from '../../../../src/sip/message/index.js';

describe('parseUri', () => {
  test('reads user, password, host, port, parameters and headers', () => {
    const uri = parseUri('sips:alice:secret@atlanta.example.com:5061;transport=TCP;lr?subject=project');
    expect(uri).toMatchObject({
      scheme: 'sips',
      user: 'alice',
      password: 'secret',
      host: 'atlanta.example.com',
      port: 5061,
    });
    expect([...uri.params]).toEqual([
      ['transport', 'TCP'],
      ['lr', ''],
    ]);
    expect(uri.headers).toBe('subject=project');
  });

  test('reads tel URIs with the number as user', () => {
    expect(parseUri('tel:+33-1-23-45;phone-context=example.com')).toMatchObject({
      scheme: 'tel',
      user: '+33-1-23-45',
      host: '',
    });
  });

  test('rejects spaces, angle brackets, bad escapes and out-of-range ports', () => {
    for (const bad of [
      'sip:a b@c',
      '<sip:a@b>',
      'sip:a%zz@b',
      'sip:a@b:70000',
      'sip:',
      'nocolon',
      'sip:a@[::1',
      'sip:a@b;;',
    ]) {
      expect(() => parseUri(bad), bad).toThrow(expect.objectContaining({ code: 'SIP_PARSE_ERROR' }));
    }
  });

  test('formats back to the same text', () => {
    for (const text of [
      'sip:alice@[2001:db8::1]:5060;transport=tcp',
      'sip:host;lr',
      'tel:+331;x=y',
      'urn:service:sos',
    ]) {
      expect(formatUri(parseUri(text))).toBe(text);
    }
  });
});

describe('parseNameAddr', () => {
  test('unescapes a quoted display name and reads header parameters', () => {
    const value = parseNameAddr('"A \\"quoted\\" name" <sip:a@b;lr>;tag=x;expires=60');
    expect(value.displayName).toBe('A "quoted" name');
    expect(value.uriText).toBe('sip:a@b;lr');
    expect(value.params.get('expires')).toBe('60');
    expect(parseNameAddr(formatNameAddr(value))).toEqual(value);
  });

  test('rejects a trailing second value and an unterminated <', () => {
    expect(() => parseNameAddr('<sip:a@b>, <sip:c@d>')).toThrow(
      expect.objectContaining({ code: 'SIP_PARSE_ERROR' }),
    );
    expect(() => parseNameAddr('<sip:a@b')).toThrow(expect.objectContaining({ code: 'SIP_PARSE_ERROR' }));
  });
});

describe('parseVia and formatVia', () => {
  test('reads IPv6 sent-by, port, branch, received and a bare rport (RFC 3581, RFC 5118)', () => {
    const via = parseVia('SIP/2.0/udp [2001:db8::9:1]:5070;branch=z9hG4bKx;received=2001:db8::9:255;rport');
    expect(via).toMatchObject({
      transport: 'UDP',
      host: '[2001:db8::9:1]',
      port: 5070,
      branch: 'z9hG4bKx',
      rport: '',
    });
    expect(via.received).toBe('2001:db8::9:255');
  });

  test('formats the fields over the parameters and parses back equal', () => {
    const via = parseVia('SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKa;rport');
    const text = formatVia({ ...via, received: '198.51.100.7', rport: '40000' });
    expect(text).toBe('SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKa;rport=40000;received=198.51.100.7');
    expect(parseVia(text).rport).toBe('40000');
  });
});

describe('parseNameAddr: the plain shape and the general grammar agree', () => {
  // The first of each pair takes the one-regex path, the second (LWS added) the scanner.
  const pairs: [string, string][] = [
    ['<sip:+3222022200@127.0.0.1>;tag=31894SIPpTag011', ' <sip:+3222022200@127.0.0.1> ;tag=31894SIPpTag011'],
    ['"caller" <sip:+3222123456@127.0.0.1:5070>;tag=x', '"caller"   <sip:+3222123456@127.0.0.1:5070>;tag=x'],
    ['"" <sip:a@b;transport=udp>', '""  <sip:a@b;transport=udp>'],
    ['"Q <x> ;y" <sip:a@b>;TAG=Z;expires=60;lr', '"Q <x> ;y"  <sip:a@b>;TAG=Z;expires=60;lr'],
    ['<tel:+3222123456>', ' <tel:+3222123456>'],
  ];
  test.each(pairs)('%s', (plain, spaced) => {
    expect(parseNameAddr(plain)).toEqual(parseNameAddr(spaced));
  });

  test('refuses what the grammar refuses, whichever path reads it', () => {
    expect(() => parseNameAddr('<sip:a@b:99999>;tag=1')).toThrow(/port/);
    expect(() => parseNameAddr('<sip:a@b>;tag=')).toThrow();
    expect(() => parseNameAddr('<sip:a@b>;;tag=1')).toThrow();
    expect(() => parseNameAddr('<>')).toThrow();
  });
});

describe('parseVia: the plain shape and the general grammar agree', () => {
  // The first of each pair takes the one-regex path, the second (LWS around the separators) the scanner.
  const pairs: [string, string][] = [
    [
      'SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK7jPG;rport',
      'SIP / 2.0 / UDP 127.0.0.1 : 5060 ; branch=z9hG4bK7jPG ; rport',
    ],
    [
      'SIP/2.0/TCP host.example.com;Branch=z9hG4bKa;RPORT=5061;received=192.0.2.9',
      'SIP/2.0/TCP  host.example.com ;Branch=z9hG4bKa;RPORT=5061;received=192.0.2.9',
    ],
    [
      'SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bKx;branch=second;ttl=1',
      'SIP/2.0/UDP 192.0.2.1:5070 ;branch=z9hG4bKx;branch=second;ttl=1',
    ],
    ['SIP/2.0/UDP 192.0.2.1', 'SIP/2.0/UDP 192.0.2.1 '],
  ];
  test.each(pairs)('%s', (plain, spaced) => {
    const a = parseVia(plain);
    const b = parseVia(spaced);
    expect({ ...a, params: [...a.params] }).toEqual({ ...b, params: [...b.params] });
  });

  test('refuses what the grammar refuses, whichever path reads it', () => {
    expect(() => parseVia('SIP/2.0/UDP 192.0.2.1:65536;branch=z9hG4bKx')).toThrow(/port/);
    expect(() => parseVia('SIP/2.0/UDP 192.0.2.1:5060;;branch=z9hG4bKx')).toThrow();
    expect(() => parseVia('SIP/2.0/UDP 192.0.2.1:5060;branch=')).toThrow();
  });
});

test('splitHeaderList ignores commas inside quotes and angle brackets', () => {
  expect(splitHeaderList('"Doe, J" <sip:a@b;x=1,2>, <sip:c@d> ,')).toEqual([
    '"Doe, J" <sip:a@b;x=1,2>',
    '<sip:c@d>',
  ]);
});
