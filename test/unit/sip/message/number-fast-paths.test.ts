import { describe, expect, test } from 'vitest';
import { decimalValue, isDigits } from '../../../../src/sip/message/char-classes.js';
import { parseMessage, parseUri, parseVia, type SipRequest } from '../../../../src/sip/message/index.js';
import { maxForwards } from '../../../../src/sip/transaction/request-policy.js';
import { INVITE_TEXT } from './sample-messages.js';

describe('decimalValue (digits summed by hand instead of Number)', () => {
  test.each(['0', '7', '70', '070', '5060', '65535', '65536', '2147483647', '9999999999'])(
    '%s reads as Number() reads it',
    (text) => {
      expect(decimalValue(text)).toBe(Number(text));
    },
  );

  test.each(['', ' 70', '70 ', '7a', '-1', '+1', '1e3', '0x1f', '1.5', '12345678901'])(
    '%j is not 1 to 10 decimal digits: -1, as isDigits refuses it',
    (text) => {
      expect(decimalValue(text)).toBe(-1);
      expect(isDigits(text)).toBe(false);
    },
  );

  test('honours the maximum length', () => {
    expect(decimalValue('123456', 5)).toBe(-1);
    expect(decimalValue('12345', 5)).toBe(12345);
  });
});

describe('ports, CSeq and Max-Forwards through the fast paths', () => {
  test('ports: in range read, out of range refused', () => {
    expect(parseVia('SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1').port).toBe(5060);
    expect(parseUri('sip:bob@192.0.2.1:65535').port).toBe(65535);
    expect(() => parseUri('sip:bob@192.0.2.1:65536')).toThrow(/port|URI/i);
  });

  test('CSeq: 2**31 - 1 is the largest accepted (§8.1.1.5)', () => {
    const withSeq = (seq: string): string => INVITE_TEXT.replace(/CSeq: \d+ INVITE/, `CSeq: ${seq} INVITE`);
    expect(parseMessage(Buffer.from(withSeq('2147483647'))).cseq.seq).toBe(2147483647);
    expect(() => parseMessage(Buffer.from(withSeq('2147483648')))).toThrow(/CSeq/);
  });

  test('Max-Forwards: plain digits fast, anything else as Number() reads it, 70 when unreadable', () => {
    const withMaxForwards = (value: string): SipRequest =>
      parseMessage(
        Buffer.from(INVITE_TEXT.replace('Max-Forwards: 70', `Max-Forwards: ${value}`)),
      ) as SipRequest;
    expect(maxForwards(withMaxForwards('0'))).toBe(0);
    expect(maxForwards(withMaxForwards('069'))).toBe(69);
    expect(maxForwards(withMaxForwards('1e1'))).toBe(10);
    expect(maxForwards(withMaxForwards('-1'))).toBe(70);
    expect(maxForwards(withMaxForwards('many'))).toBe(70);
  });
});

describe('the status line and version in any case (§7.1: SIP/2.0 is case-insensitive)', () => {
  test.each(['SIP/2.0', 'sip/2.0', 'Sip/2.0'])('%s 200 OK parses as a response', (version) => {
    const text = `${version} 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@y>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n`;
    const message = parseMessage(Buffer.from(text));
    expect(message.kind).toBe('response');
  });

  test('a request with a lower-case version is still a request', () => {
    const message = parseMessage(Buffer.from(INVITE_TEXT.replace(' SIP/2.0\r\n', ' sip/2.0\r\n')));
    expect(message.kind).toBe('request');
  });
});
