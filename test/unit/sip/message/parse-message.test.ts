import { describe, expect, test } from 'vitest';
import { isAppError } from '../../../../src/errors/index.js';
import { parseMessage, type SipRequest, serializeMessage } from '../../../../src/sip/message/index.js';
import { INVITE, INVITE_TEXT } from './sample-messages.js';

function parseError(run: () => unknown): { status?: number } {
  try {
    run();
  } catch (err) {
    if (isAppError(err, 'SIP_PARSE_ERROR')) return err.details as { status?: number };
    throw err;
  }
  throw new Error('expected SIP_PARSE_ERROR');
}

describe('parseMessage', () => {
  test('reads the request line and the headers every layer needs', () => {
    const m = parseMessage(INVITE) as SipRequest;
    expect(m.kind).toBe('request');
    expect(m.method).toBe('INVITE');
    expect(m.uri.user).toBe('bob');
    expect(m.callId).toBe('a84b4c76e66710@pc33.atlanta.example.com');
    expect(m.cseq).toEqual({ seq: 314159, method: 'INVITE' });
    expect(m.vias[0]).toMatchObject({
      transport: 'UDP',
      host: 'pc33.atlanta.example.com',
      branch: 'z9hG4bK776asdhds',
      rport: '',
    });
    expect(m.from.displayName).toBe('Alice A.');
    expect(m.from.params.get('tag')).toBe('1928301774');
    expect(m.to.displayName).toBe('Bob');
    expect(m.body.toString()).toBe('v=0\n');
  });

  test('splits list headers at commas outside <> and quotes, but never WWW-Authenticate', () => {
    const m = parseMessage(INVITE);
    expect(m.headers.getAll('record-route')).toEqual(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
    expect(m.headers.getAll('www-authenticate')).toHaveLength(1);
    expect(m.headers.get('WWW-Authenticate')).toContain('qop="auth"');
  });

  test('expands compact header names (§7.3.3) and finds headers by any spelling', () => {
    const text = INVITE_TEXT.replace('Call-ID:', 'i:')
      .replace('Content-Type:', 'c:')
      .replace('Content-Length:', 'l:');
    const m = parseMessage(Buffer.from(text));
    expect(m.callId).toBe('a84b4c76e66710@pc33.atlanta.example.com');
    expect(m.headers.get('content-type')).toBe('application/sdp');
    expect(m.headers.get('C')).toBe('application/sdp');
    expect(m.headers.names()).toContain('call-id');
  });

  test('counts Content-Length in bytes, not characters', () => {
    const body = 'é€\u{1F600}';
    const text = INVITE_TEXT.replace(
      'Content-Length: 4',
      `Content-Length: ${Buffer.byteLength(body)}`,
    ).replace(/v=0\n$/, body);
    expect(parseMessage(Buffer.from(text)).body.toString()).toBe(body);
  });

  test('truncates a body longer than Content-Length and rejects a shorter one (§18.3)', () => {
    expect(parseMessage(Buffer.concat([INVITE, Buffer.from('extra')])).body.toString()).toBe('v=0\n');
    expect(parseError(() => parseMessage(INVITE.subarray(0, INVITE.length - 1))).status).toBe(400);
  });

  test('rejects a message without one of Via, From, To, Call-ID or CSeq with status 400', () => {
    for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) {
      const text = INVITE_TEXT.split('\r\n')
        .filter((line) => !line.startsWith(`${name}:`))
        .join('\r\n');
      expect(parseError(() => parseMessage(Buffer.from(text))).status, name).toBe(400);
    }
  });

  test('tolerates a missing Max-Forwards, leading CRLFs and bare LF line ends', () => {
    const text = '\r\n\r\n' + INVITE_TEXT.replace('Max-Forwards: 70\r\n', '').replaceAll('\r\n', '\n');
    const m = parseMessage(Buffer.from(text));
    expect(m.headers.has('max-forwards')).toBe(false);
    expect(m.callId).toBe('a84b4c76e66710@pc33.atlanta.example.com');
  });

  test('ends a bare-LF head at its empty line even when the body holds a CRLFCRLF', () => {
    const body = 'v=0\r\n\r\nx';
    const head =
      'OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bKq\nFrom: <sip:c@d>;tag=1\n' +
      `To: <sip:a@b>\nCall-ID: id1\nCSeq: 1 OPTIONS\nContent-Length: ${body.length}\n\n`;
    const m = parseMessage(Buffer.from(head + body));
    expect(m.body.toString()).toBe(body);
    expect(m.headers.get('content-length')).toBe(String(body.length));
  });

  test('parses a response status line with a reason phrase containing spaces', () => {
    const text = INVITE_TEXT.replace(
      'INVITE sip:bob@biloxi.example.com SIP/2.0',
      'SIP/2.0 486 Busy Here Now',
    );
    const m = parseMessage(Buffer.from(text));
    expect(m.kind === 'response' && [m.status, m.reason]).toEqual([486, 'Busy Here Now']);
  });

  test('rejects input that has no empty line after the headers', () => {
    expect(parseError(() => parseMessage(Buffer.from('INVITE sip:a@b SIP/2.0\r\nVia: x\r\n'))).status).toBe(
      400,
    );
    expect(parseError(() => parseMessage(Buffer.alloc(0))).status).toBe(400);
  });
});

describe('serializeMessage', () => {
  test('writes canonical header names and recomputes Content-Length from the body bytes', () => {
    const text = serializeMessage(
      parseMessage(Buffer.from(INVITE_TEXT.replace('Call-ID:', 'i:'))),
    ).toString();
    expect(text).toContain('\r\nCall-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n');
    expect(text).toContain('\r\nCSeq: 314159 INVITE\r\n');
    expect(text).toContain('\r\nWWW-Authenticate: Digest');
    expect(text).toMatch(/\r\nContent-Length: 4\r\n\r\nv=0\n$/);
    expect(text.match(/Content-Length/g)).toHaveLength(1);
  });

  test('reproduces a parsed message that it parses back to the same fields', () => {
    const first = parseMessage(INVITE);
    const again = parseMessage(serializeMessage(first));
    expect(again).toMatchObject({
      callId: first.callId,
      cseq: first.cseq,
      vias: first.vias,
      from: first.from,
    });
    expect(again.headers.getAll('record-route')).toEqual(first.headers.getAll('record-route'));
  });
});
