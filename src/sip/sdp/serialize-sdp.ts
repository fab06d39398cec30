import type { SdpAttribute, SdpConnection, SdpLine, SdpSession } from './types.js';

/** Order of session-level lines (RFC 4566 §5): v o s i u e p c b t r z k a, then media. */
const SESSION_ORDER = 'vosiuepcbtrzka';
/** Order of media-level lines: m i c b k a. */
const MEDIA_ORDER = 'micbka';

/** Writes an SDP body with CRLF line ends (§5), lines in the order the RFC requires. */
export function serializeSdp(session: SdpSession): Buffer {
  const o = session.origin;
  const head: SdpLine[] = [
    { type: 'v', value: String(session.version) },
    {
      type: 'o',
      value: `${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addrType} ${o.address}`,
    },
    { type: 's', value: session.sessionName },
    ...connectionLine(session.connection),
    ...session.timing.map((value) => ({ type: 't', value })),
    ...session.otherLines,
    ...session.attributes.map(attributeLine),
  ];
  const lines = sortLines(head, SESSION_ORDER);
  for (const media of session.media) {
    const port = media.portCount === undefined ? `${media.port}` : `${media.port}/${media.portCount}`;
    const mediaLines: SdpLine[] = [
      { type: 'm', value: [media.type, port, media.protocol, ...media.formats].join(' ') },
      ...connectionLine(media.connection),
      ...media.otherLines,
      ...media.attributes.map(attributeLine),
    ];
    lines.push(...sortLines(mediaLines, MEDIA_ORDER));
  }
  return Buffer.from(lines.map((line) => `${line.type}=${line.value}\r\n`).join(''));
}

function connectionLine(connection: SdpConnection | undefined): SdpLine[] {
  return connection
    ? [{ type: 'c', value: `${connection.netType} ${connection.addrType} ${connection.address}` }]
    : [];
}

function attributeLine(attribute: SdpAttribute): SdpLine {
  return {
    type: 'a',
    value: attribute.value === undefined ? attribute.name : `${attribute.name}:${attribute.value}`,
  };
}

/** Stable sort by the RFC's order; unknown line types go just before the attributes. */
function sortLines(lines: SdpLine[], order: string): SdpLine[] {
  const rank = (type: string): number => {
    const index = order.indexOf(type);
    return index < 0 ? order.length - 1.5 : index;
  };
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => rank(a.line.type) - rank(b.line.type) || a.i - b.i)
    .map(({ line }) => line);
}
