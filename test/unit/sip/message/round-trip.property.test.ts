import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { isAppError } from '../../../../src/errors/index.js';
import { parseMessage, type SipMessage, serializeMessage } from '../../../../src/sip/message/index.js';
import { INVITE } from './sample-messages.js';

const token = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.!%*_+`'~-]{0,11}$/);
const host = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,10}(\.[a-z]{2,5}){0,2}$/),
  fc.ipV4(),
  fc.ipV6().map((address) => `[${address}]`),
);
const user = fc.stringMatching(/^[A-Za-z0-9+._-]{1,12}$/);
const uri = fc
  .record({
    user: fc.option(user, { nil: undefined }),
    host,
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  })
  .map(({ user: u, host: h, port }) => `sip:${u ? `${u}@` : ''}${h}${port ? `:${port}` : ''}`);
const displayName = fc.option(
  fc.string({ maxLength: 12 }).filter((s) => !/[\r\n\\"]/.test(s)),
  { nil: undefined },
);
const nameAddr = fc
  .record({ name: displayName, uri, tag: fc.option(token, { nil: undefined }) })
  .map(
    ({ name, uri: u, tag }) => `${name === undefined ? '' : `"${name}" `}<${u}>${tag ? `;tag=${tag}` : ''}`,
  );
const via = fc
  .record({ transport: fc.constantFrom('UDP', 'TCP', 'TLS'), host, branch: token })
  .map(({ transport, host: h, branch }) => `SIP/2.0/${transport} ${h};branch=z9hG4bK${branch}`);
const extraHeader = fc.tuple(
  fc.stringMatching(/^X-[A-Za-z0-9-]{1,10}$/),
  fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ').trim()),
);

const message = fc
  .record({
    response: fc.boolean(),
    method: fc.constantFrom('INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'X-CUSTOM'),
    status: fc.integer({ min: 100, max: 699 }),
    reason: fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')),
    requestUri: uri,
    vias: fc.array(via, { minLength: 1, maxLength: 3 }),
    from: nameAddr,
    to: nameAddr,
    callId: token,
    seq: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    extra: fc.array(extraHeader, { maxLength: 4 }),
    body: fc.uint8Array({ maxLength: 64 }),
  })
  .map((m) => {
    const start = m.response ? `SIP/2.0 ${m.status} ${m.reason}` : `${m.method} ${m.requestUri} SIP/2.0`;
    const lines = [
      start,
      ...m.vias.map((v) => `Via: ${v}`),
      `From: ${m.from}`,
      `To: ${m.to}`,
      `Call-ID: ${m.callId}`,
      `CSeq: ${m.seq} ${m.method}`,
      ...m.extra.map(([name, value]) => `${name}: ${value}`),
      `Content-Length: ${m.body.length}`,
    ];
    return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n'), m.body]);
  });

function essentials(m: SipMessage): unknown {
  const start = m.kind === 'request' ? [m.method, m.uriText] : [m.status, m.reason];
  const headers = m.headers.names().map((name) => [name, m.headers.getAll(name)]);
  return {
    start,
    callId: m.callId,
    cseq: m.cseq,
    vias: m.vias,
    from: m.from,
    to: m.to,
    headers,
    body: m.body,
  };
}

test.prop([message])('serialize(parse(x)) parses back to the same message', (data) => {
  const parsed = parseMessage(data);
  const serialized = serializeMessage(parsed);
  expect(essentials(parseMessage(serialized))).toEqual(essentials(parsed));
  expect(serializeMessage(parseMessage(serialized)).equals(serialized)).toBe(true);
});

test.prop([fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })], {
  numRuns: 500,
})('random byte mutations of a valid message never throw anything but AppError', (mutations) => {
  const data = Buffer.from(INVITE);
  for (const [position, byte] of mutations) data[position % data.length] = byte;
  try {
    serializeMessage(parseMessage(data));
  } catch (err) {
    expect(isAppError(err), String(err)).toBe(true);
  }
});

test.prop([fc.uint8Array({ maxLength: 300 })])(
  'arbitrary bytes never throw anything but AppError',
  (bytes) => {
    try {
      parseMessage(Buffer.from(bytes));
    } catch (err) {
      expect(isAppError(err), String(err)).toBe(true);
    }
  },
);
