import { HeaderMap } from './header-map.js';
import { canonicalHeaderName } from './header-names.js';
import type { SipMessage } from './types.js';

/**
 * Writes a message (§7): start line, headers with canonical names (one line per value as parsed or set),
 * `Content-Length` recomputed from the body's bytes (§20.14), empty line, body.
 */
export function serializeMessage(message: SipMessage): Buffer {
  let head =
    message.kind === 'request'
      ? `${message.method} ${message.uriText} SIP/2.0\r\n`
      : `SIP/2.0 ${message.status} ${message.reason}\r\n`;
  const { headers } = message;
  const lines = headers instanceof HeaderMap ? headers.rawLines.bind(headers) : headers.getAll.bind(headers);
  for (const name of headers.names()) {
    if (name === 'content-length') continue;
    const written = canonicalHeaderName(name);
    for (const value of lines(name)) head += `${written}: ${value}\r\n`;
  }
  head += `Content-Length: ${message.body.length}\r\n\r\n`;
  const headLength = Buffer.byteLength(head);
  const out = Buffer.allocUnsafe(headLength + message.body.length);
  out.write(head, 0, headLength, 'utf8');
  message.body.copy(out, headLength);
  return out;
}
