import { describe, expect, test } from 'vitest';
import { isAppError } from '../../../../src/errors/index.js';
import {
  buildRequest,
  buildResponse,
  generateBranch,
  generateTag,
  parseMessage,
  type SipRequest,
  serializeMessage,
  withHeaders,
  withRequestUri,
} from '../../../../src/sip/message/index.js';
import { INVITE } from './sample-messages.js';

const invite = parseMessage(INVITE) as SipRequest;

describe('buildResponse', () => {
  test('copies Via, From, To, Call-ID and CSeq and adds the To tag (§8.2.6.2)', () => {
    const response = buildResponse(invite, 180, undefined, { toTag: 'as83kd' });
    expect(response.reason).toBe('Ringing');
    expect(response.vias).toEqual(invite.vias);
    expect(response.from).toEqual(invite.from);
    expect(response.to.params.get('tag')).toBe('as83kd');
    expect(response.callId).toBe(invite.callId);
    expect(response.cseq).toEqual(invite.cseq);
  });

  test('adds no To tag to 100 Trying, nor over an existing tag', () => {
    expect(buildResponse(invite, 100, undefined, { toTag: 'x' }).to.params.has('tag')).toBe(false);
    const inDialog = withHeaders(invite, {
      set: { to: '<sip:bob@biloxi.example.com>;tag=first' },
    }) as SipRequest;
    expect(buildResponse(inDialog, 200, 'OK', { toTag: 'second' }).to.params.get('tag')).toBe('first');
  });

  test('copies Record-Route on 2xx so the dialog route set forms (§12.1.1), not on errors', () => {
    expect(buildResponse(invite, 200).headers.getAll('record-route')).toHaveLength(2);
    expect(buildResponse(invite, 486).headers.has('record-route')).toBe(false);
  });

  test('carries extra headers and a body, with Content-Length from the body', () => {
    const response = buildResponse(invite, 200, 'OK', {
      headers: [
        ['Content-Type', 'application/sdp'],
        ['Content-Length', '999'],
      ],
      body: Buffer.from('v=0\r\n'),
    });
    const text = serializeMessage(response).toString();
    expect(text.startsWith('SIP/2.0 200 OK\r\n')).toBe(true);
    expect(text).toMatch(/Content-Length: 5\r\n\r\nv=0\r\n$/);
  });

  test('refuses a status outside 100-699 with SIP_MESSAGE_INVALID', () => {
    expect(() => buildResponse(invite, 99)).toThrow(expect.objectContaining({ code: 'SIP_MESSAGE_INVALID' }));
  });
});

describe('buildRequest', () => {
  const headers = [
    ['Via', `SIP/2.0/UDP 192.0.2.1:5060;branch=${generateBranch()}`],
    ['From', `<sip:vms@192.0.2.1>;tag=${generateTag()}`],
    ['To', '<sip:+33123456789@192.0.2.2>'],
    ['Call-ID', 'abc@192.0.2.1'],
    ['CSeq', '1 OPTIONS'],
    ['Max-Forwards', '70'],
  ] as const;

  test('builds a request that serializes and parses back', () => {
    const request = buildRequest({ method: 'OPTIONS', uri: 'sip:+33123456789@192.0.2.2', headers });
    const back = parseMessage(serializeMessage(request)) as SipRequest;
    expect(back.method).toBe('OPTIONS');
    expect(back.uriText).toBe('sip:+33123456789@192.0.2.2');
    expect(back.vias[0]!.branch).toBe(request.vias[0]!.branch);
  });

  test('refuses a request without a mandatory header with SIP_MESSAGE_INVALID', () => {
    let caught: unknown;
    try {
      buildRequest({
        method: 'OPTIONS',
        uri: 'sip:a@b',
        headers: headers.filter(([name]) => name !== 'CSeq'),
      });
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught, 'SIP_MESSAGE_INVALID')).toBe(true);
  });
});

describe('withHeaders and withRequestUri', () => {
  test('prepend puts a Via on top and the parsed vias follow', () => {
    const forwarded = withHeaders(invite, { prepend: { via: 'SIP/2.0/TCP 192.0.2.9;branch=z9hG4bKnew' } });
    expect(forwarded.vias.map((v) => v.branch)).toEqual(['z9hG4bKnew', 'z9hG4bK776asdhds']);
    expect(invite.vias).toHaveLength(1);
  });

  test('set replaces every value, remove deletes, the original is unchanged', () => {
    const changed = withHeaders(invite, { set: { 'Record-Route': ['<sip:x;lr>'] }, remove: ['contact'] });
    expect(changed.headers.getAll('record-route')).toEqual(['<sip:x;lr>']);
    expect(changed.headers.has('contact')).toBe(false);
    expect(invite.headers.has('contact')).toBe(true);
  });

  test('removing a mandatory header is refused with SIP_MESSAGE_INVALID', () => {
    expect(() => withHeaders(invite, { remove: ['call-id'] })).toThrow(
      expect.objectContaining({ code: 'SIP_MESSAGE_INVALID' }),
    );
  });

  test('withRequestUri changes the Request-URI only', () => {
    const retargeted = withRequestUri(invite, 'sip:+331@gw.example.com;user=phone');
    expect(retargeted.uri.params.get('user')).toBe('phone');
    expect(serializeMessage(retargeted).toString()).toMatch(
      /^INVITE sip:\+331@gw\.example\.com;user=phone SIP\/2\.0\r\n/,
    );
    expect(invite.uri.host).toBe('biloxi.example.com');
  });
});

test('branches carry the magic cookie and tags differ between calls', () => {
  expect(generateBranch()).toMatch(/^z9hG4bK[A-Za-z0-9_-]{8,}$/);
  expect(generateTag()).not.toBe(generateTag());
});
