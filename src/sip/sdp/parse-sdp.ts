import { AppError } from '../../errors/index.js';
import type { SdpAttribute, SdpConnection, SdpLine, SdpMedia, SdpOrigin, SdpSession } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MediaDraft = Mutable<Omit<SdpMedia, 'attributes' | 'otherLines'>> & {
  attributes: SdpAttribute[];
  otherLines: SdpLine[];
};

/**
 * Parses an SDP body (RFC 4566 §5): `v`, `o`, `s`, `c`, `t`, `m`, `a` are read, other lines kept as they are.
 * CRLF or LF line ends. Throws `SIP_SDP_PARSE_ERROR`.
 */
export function parseSdp(body: Buffer | string): SdpSession {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const session = { timing: [] as string[], attributes: [] as SdpAttribute[], otherLines: [] as SdpLine[] };
  const found: Partial<Mutable<SdpSession>> = {};
  const media: MediaDraft[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.length === 0) continue;
    if (line.length < 2 || line[1] !== '=') fail(`malformed SDP line "${line.slice(0, 40)}"`);
    const type = line[0]!;
    const value = line.slice(2);
    const current = media.at(-1);
    if (type === 'm') media.push(parseMediaLine(value));
    else if (type === 'a') (current ?? session).attributes.push(parseAttribute(value));
    else if (type === 'c') {
      if (current) current.connection = parseConnection(value);
      else found.connection = parseConnection(value);
    } else if (current) current.otherLines.push({ type, value });
    else readSessionLine(type, value, found, session);
  }
  if (found.version !== 0 || !found.origin || found.sessionName === undefined) {
    fail('SDP without v=0, o= and s= lines');
  }
  return { ...found, ...session, media } as SdpSession;
}

function readSessionLine(
  type: string,
  value: string,
  found: Partial<Mutable<SdpSession>>,
  session: { timing: string[]; otherLines: SdpLine[] },
): void {
  if (type === 'v') found.version = value.trim() === '0' ? 0 : fail(`unsupported SDP version "${value}"`);
  else if (type === 'o') found.origin = parseOrigin(value);
  else if (type === 's') found.sessionName = value;
  else if (type === 't') session.timing.push(value);
  else session.otherLines.push({ type, value });
}

/** o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address> (§5.2) */
function parseOrigin(value: string): SdpOrigin {
  const parts = value.trim().split(/\s+/);
  if (parts.length !== 6) fail(`malformed o= line "${value}"`);
  const [username, sessionId, sessionVersion, netType, addrType, address] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { username, sessionId, sessionVersion, netType, addrType, address };
}

/** c=<nettype> <addrtype> <connection-address> (§5.7) */
function parseConnection(value: string): SdpConnection {
  const parts = value.trim().split(/\s+/);
  if (parts.length !== 3) fail(`malformed c= line "${value}"`);
  const [netType, addrType, address] = parts as [string, string, string];
  return { netType, addrType, address };
}

/** m=<media> <port>[/<number of ports>] <proto> <fmt> ... (§5.14) */
function parseMediaLine(value: string): MediaDraft {
  const parts = value.trim().split(/\s+/);
  const [type, portText, protocol, ...formats] = parts;
  const [port, count] = (portText ?? '').split('/');
  if (
    !type ||
    !protocol ||
    !/^\d{1,5}$/.test(port ?? '') ||
    (count !== undefined && !/^\d{1,5}$/.test(count))
  ) {
    fail(`malformed m= line "${value}"`);
  }
  const draft: MediaDraft = { type, port: Number(port), protocol, formats, attributes: [], otherLines: [] };
  if (count !== undefined) draft.portCount = Number(count);
  return draft;
}

function parseAttribute(value: string): SdpAttribute {
  const colon = value.indexOf(':');
  return colon < 0 ? { name: value } : { name: value.slice(0, colon), value: value.slice(colon + 1) };
}

function fail(message: string): never {
  throw new AppError('SIP_SDP_PARSE_ERROR', message, { details: { status: 400 } });
}
