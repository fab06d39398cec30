import type { WireText } from '../message/wire-text.js';

/** Headers a response must copy from its request (§8.2.6.2), with their compact forms (§7.3.3). */
const COPIED: Readonly<Record<string, string>> = {
  via: 'Via',
  v: 'Via',
  from: 'From',
  f: 'From',
  to: 'To',
  t: 'To',
  'call-id': 'Call-ID',
  i: 'Call-ID',
  cseq: 'CSeq',
};

const REQUEST_LINE = /^([A-Za-z!%*_+`'~.-]+) \S+ SIP\/2\.0\r?$/;

/**
 * The response to a request the parser rejected, if it is "parsable enough" (§8.2: a request line and
 * the headers a response copies: Via, From, To, Call-ID, CSeq); undefined means drop it. Works on the raw
 * text on purpose: the message could not be parsed, so nothing parsed can be trusted.
 */
export function rejectUnparsable(data: Buffer, status: number, reason: string): WireText | undefined {
  const text = data.toString('latin1', 0, Math.min(data.length, 8192));
  const head = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const lines = head.split(/\r?\n/);
  const method = REQUEST_LINE.exec(lines[0] ?? '')?.[1];
  if (!method || method === 'ACK') return undefined; // §17: an ACK is never answered.
  const copied: string[] = [];
  const seen = new Set<string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = COPIED[line.slice(0, colon).trim().toLowerCase()];
    if (colon <= 0 || !name) continue;
    copied.push(`${name}: ${line.slice(colon + 1).trim()}`);
    seen.add(name);
  }
  if (seen.size < 5) return undefined;
  const safeReason = reason.replace(/[\r\n]/g, ' ');
  // The copied lines are the request's own bytes read as latin1: the text is its wire form already.
  return `SIP/2.0 ${status} ${safeReason}\r\n${copied.join('\r\n')}\r\nContent-Length: 0\r\n\r\n` as WireText;
}
