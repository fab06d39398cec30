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
  const names = headers.names();
  const raw = headers instanceof HeaderMap ? headers : undefined;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name === 'content-length') continue;
    const written = canonicalHeaderName(name);
    for (const value of raw ? raw.linesAt(i) : headers.getAll(name)) head += `${written}: ${value}\r\n`;
  }
  head += `Content-Length: ${message.body.length}\r\n\r\n`;
  const headLength = Buffer.byteLength(head);
  const out = Buffer.allocUnsafe(headLength + message.body.length);
  out.write(head, 0, headLength, 'utf8');
  message.body.copy(out, headLength);
  return out;
}
