import { expect, test } from 'vitest';
import {
  buildResponse,
  parseMessage,
  type SipMessage,
  type SipRequest,
  serializeMessage,
  withHeaders,
} from '../../../../src/sip/message/index.js';
import { INVITE } from './sample-messages.js';

const invite = parseMessage(INVITE) as SipRequest;

/** What a peer would parse from the wire: the reference for every parsed field. */
function reparsed(message: SipMessage): SipMessage {
  return parseMessage(serializeMessage(message));
}

test('a response built from a request has the parsed fields a peer would parse from it', () => {
  for (const [status, toTag] of [
    [100, 'x1'],
    [180, 'as83kd'],
    [486, undefined],
  ] as const) {
    const response = buildResponse(invite, status, undefined, toTag === undefined ? {} : { toTag });
    const wire = reparsed(response);
    expect(response.vias).toEqual(wire.vias);
    expect(response.from).toEqual(wire.from);
    expect(response.to).toEqual(wire.to);
  }
});

test('changing one header re-parses that field and keeps the others equal to a fresh parse', () => {
  const changed = withHeaders(invite, {
    set: { to: '<sip:carol@example.com>;tag=t2', 'max-forwards': '9' },
    prepend: { via: 'SIP/2.0/UDP 192.0.2.9:5070;branch=z9hG4bKnew' },
  });
  const wire = reparsed(changed);
  expect(changed.to.params.get('tag')).toBe('t2');
  expect(changed.vias[0]?.host).toBe('192.0.2.9');
  expect(changed.vias).toEqual(wire.vias);
  expect(changed.from).toEqual(wire.from);
  expect(changed.to).toEqual(wire.to);
});

test('removing the From header is still refused even though From was parsed before', () => {
  expect(() => withHeaders(invite, { remove: ['from'] })).toThrow(/From|from/);
});
