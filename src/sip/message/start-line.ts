import { decimalValue, isToken, sameIgnoringCase } from './char-classes.js';
import { parseError } from './parse-error.js';
import { clip, parseUri } from './parse-uri.js';
import type { SipUri } from './types.js';

export type StartLine =
  /** `uri` undefined: parsed from `uriText` on first read (a request built in code). */
  | {
      readonly kind: 'request';
      readonly method: string;
      readonly uri: SipUri | undefined;
      readonly uriText: string;
    }
  | { readonly kind: 'response'; readonly status: number; readonly reason: string };

const VERSION = 'SIP/2.0';

/**
 * Request-Line / Status-Line (§7.1, §7.2, §25.1): elements separated by exactly one SP
 * (RFC 4475 §3.1.2.8-10 reject extra or trailing spaces), version SIP/2.0 (505 otherwise). The Request-URI
 * is left as text: `createMessage` parses it (`parseRequestUri`) when the request is out of dialog, on
 * first read otherwise.
 */
export function parseStartLine(line: string): StartLine {
  if (sameIgnoringCase(line, 0, 'sip/')) return parseStatusLine(line);
  const first = line.indexOf(' ');
  const second = line.indexOf(' ', first + 1);
  if (first <= 0 || second < 0 || line.indexOf(' ', second + 1) >= 0) {
    throw parseError(`malformed Request-Line: ${clip(line)}`);
  }
  const method = line.slice(0, first);
  const uriText = line.slice(first + 1, second);
  checkVersion(line.slice(second + 1), line);
  if (!isToken(method)) throw parseError(`malformed method in Request-Line: ${clip(line)}`);
  return { kind: 'request', method, uri: undefined, uriText };
}

/** A Request-URI: any URI parses (§8.2.2.1 answers 416 for a scheme we cannot serve), without headers. */
export function parseRequestUri(uriText: string): SipUri {
  const uri = parseUri(uriText);
  // §19.1.5: header components are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
  if (uri.headers !== undefined) throw parseError(`Request-URI with headers: ${clip(uriText)}`);
  return uri;
}

function parseStatusLine(line: string): StartLine {
  const first = line.indexOf(' ');
  if (first < 0) throw parseError(`malformed Status-Line: ${clip(line)}`);
  checkVersion(line.slice(0, first), line);
  const second = line.indexOf(' ', first + 1);
  const code = second < 0 ? line.slice(first + 1) : line.slice(first + 1, second);
  const status = code.length === 3 ? decimalValue(code, 3) : 0;
  if (status < 100 || status > 699) throw parseError(`malformed status code: ${clip(line)}`);
  return { kind: 'response', status, reason: second < 0 ? '' : line.slice(second + 1) };
}

function checkVersion(version: string, line: string): void {
  if (version === VERSION || version.toUpperCase() === VERSION) return;
  if (/^SIP\/\d+\.\d+$/i.test(version)) {
    throw parseError(`unsupported SIP version ${clip(version, 20)}`, 505);
  }
  throw parseError(`malformed SIP version: ${clip(line)}`);
}
