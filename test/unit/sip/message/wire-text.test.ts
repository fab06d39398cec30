import { describe, expect, it } from 'vitest';
import {
  buildResponse,
  parseMessage,
  type SipRequest,
  serializeMessage,
  serializeWire,
  wireBytes,
  wireText,
} from '../../../../src/sip/message/index.js';
import { INVITE_TEXT } from './sample-messages.js';

describe('serializeWire: a message as a latin1 string, one character per byte', () => {
  it('is the message bytes of an all-ASCII message', () => {
    const invite = parseMessage(Buffer.from(INVITE_TEXT));
    const wire = serializeWire(invite);
    expect(wire.length).toBe(serializeMessage(invite).length);
    expect(wireBytes(wire).equals(serializeMessage(invite))).toBe(true);
    expect(wire.startsWith('INVITE sip:')).toBe(true);
  });

  it('writes non-ASCII header text as UTF-8 (§7.3.1) and the body byte for byte', () => {
    const text = INVITE_TEXT.replace(
      /^From: .*$/m,
      'From: "Zoë Ærøskøbing 電話" <sip:zoe@example.com>;tag=1928301774',
    );
    const invite = parseMessage(Buffer.from(text, 'utf8')) as SipRequest;
    expect(invite.from.displayName).toBe('Zoë Ærøskøbing 電話');
    const body = Buffer.from([0x00, 0x7f, 0x80, 0xc3, 0xff]);
    const response = buildResponse(invite, 200, 'OK', { toTag: 't', body });
    const bytes = wireBytes(serializeWire(response));
    expect(bytes.includes(Buffer.from('"Zoë Ærøskøbing 電話"', 'utf8'))).toBe(true);
    expect(bytes.subarray(bytes.length - body.length).equals(body)).toBe(true);
    const again = parseMessage(bytes);
    expect(again.from.displayName).toBe('Zoë Ærøskøbing 電話');
    expect(again.body.equals(body)).toBe(true);
  });

  it('wireText and wireBytes are inverse copies for every byte value', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const text = wireText(all);
    expect(text.length).toBe(256);
    expect(wireBytes(text).equals(all)).toBe(true);
  });
});
