import { HeaderMap } from './header-map.js';
import { canonicalHeaderName } from './header-names.js';
import type { SipMessage } from './types.js';
import { type WireText, wireBytes } from './wire-text.js';

/**
 * Writes a message (§7) as it goes on the wire: start line, headers with canonical names (one line per value
 * as parsed or set), `Content-Length` recomputed from the body's bytes (§20.14), empty line, body. Header
 * text is UTF-8 on the wire (§7.3.1 allows it in display names and reason phrases): an all-ASCII head, the
 * usual case, is its own bytes; another one is encoded first.
 */
export function serializeWire(message: SipMessage): WireText {
  let head =
    message.kind === 'request'
      ? `${message.method} ${message.uriText} SIP/2.0\r\n`
      : `SIP/2.0 ${message.status} ${message.reason}\r\n`;
  const { headers } = message;
  const names = headers.names();
  const raw = headers instanceof HeaderMap ? headers : undefined;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name === 'content-length') continue;
    const written = canonicalHeaderName(name);
    for (const value of raw ? raw.linesAt(i) : headers.getAll(name)) head += `${written}: ${value}\r\n`;
  }
  const { body } = message;
  head += `Content-Length: ${body.length}\r\n\r\n`;
  // byteLength also flattens `head`, so the wire text keeps none of the header values it was built from.
  const ascii = Buffer.byteLength(head) === head.length;
  const wireHead = ascii ? head : Buffer.from(head, 'utf8').toString('latin1');
  return (body.length === 0 ? wireHead : wireHead + body.toString('latin1')) as WireText;
}

/** `serializeWire` as bytes (tests, tools, and what takes a Buffer). */
export function serializeMessage(message: SipMessage): Buffer {
  return wireBytes(serializeWire(message));
}
