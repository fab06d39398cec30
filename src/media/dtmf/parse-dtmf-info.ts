/** RFC 4733 §3.2 order: events 0-15; `Signal=10`/`11` are sent by some phones for `*` and `#`. */
const EVENTS = '0123456789*#ABCD';

/**
 * The digit carried by a SIP INFO body, or undefined when the body is not DTMF:
 * `application/dtmf-relay` ("Signal=5\r\nDuration=160", the de-facto Cisco format) and
 * `application/dtmf` ("5"). Content-Type parameters and letter case are ignored.
 */
export function parseDtmfInfo(contentType: string, body: Buffer | string): string | undefined {
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  const text = (typeof body === 'string' ? body : body.toString('utf8')).trim();
  if (type === 'application/dtmf-relay') return signalOf(text);
  if (type === 'application/dtmf') return digitOf(text);
  return undefined;
}

function signalOf(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*signal\s*=\s*(\S+)\s*$/i.exec(line);
    if (match) return digitOf(match[1] as string);
  }
  return undefined;
}

function digitOf(value: string): string | undefined {
  const upper = value.toUpperCase();
  if (upper.length === 1 && EVENTS.includes(upper)) return upper;
  if (/^\d{1,2}$/.test(value)) return EVENTS[Number(value)];
  return undefined;
}
