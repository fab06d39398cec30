import { decimalValue, isHostChars, isUriParamChars, isUserChars } from './char-classes.js';
import { NO_PARAMS, ParamMap } from './param-map.js';
import { parseError } from './parse-error.js';
import type { SipUri } from './types.js';

/**
 * Parses a SIP, SIPS or tel URI (RFC 3261 §19.1.1, §25.1; RFC 3966). Other schemes parse into `opaque`.
 * User, password and parameters keep their `%` escapes as written (§19.1.4 compares them unescaped).
 * Throws `SIP_PARSE_ERROR` (status 400).
 */
export function parseUri(text: string): SipUri {
  const colon = text.indexOf(':');
  if (colon <= 0 || !isScheme(text, colon)) throw parseError(`URI without a valid scheme: ${clip(text)}`);
  const scheme = text.slice(0, colon).toLowerCase();
  const rest = text.slice(colon + 1);
  if (rest.length === 0) throw parseError(`malformed URI: ${clip(text)}`);
  // sip and sips parts are checked against their own character tables, so skip the generic pass.
  if (scheme === 'sip' || scheme === 'sips') return parseSipUri(scheme, rest, text);
  if (hasForbiddenChars(rest)) throw parseError(`malformed URI: ${clip(text)}`);
  if (scheme === 'tel') return parseTelUri(rest, text);
  return { scheme, host: '', params: NO_PARAMS, opaque: rest };
}

function parseSipUri(scheme: string, rest: string, text: string): SipUri {
  const at = rest.indexOf('@');
  const hostStart = at + 1;
  const { host, port, end } = parseHostPort(rest, hostStart, text);
  const question = rest.indexOf('?', end);
  const paramsEnd = question < 0 ? rest.length : question;
  if (end < paramsEnd && rest.charCodeAt(end) !== 59) throw parseError(`malformed URI host: ${clip(text)}`);
  const params = end < paramsEnd ? parseUriParams(rest.slice(end + 1, paramsEnd), text) : NO_PARAMS;
  const uri: { -readonly [K in keyof SipUri]: SipUri[K] } = { scheme, host, params };
  if (at >= 0) setUserInfo(uri, rest.slice(0, at), text);
  if (port !== undefined) uri.port = port;
  if (question >= 0) {
    uri.headers = rest.slice(question + 1);
    if (hasForbiddenChars(uri.headers)) throw parseError(`malformed URI headers: ${clip(text)}`);
  }
  return uri;
}

function setUserInfo(uri: { user?: string; password?: string }, userinfo: string, text: string): void {
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  if (user.length === 0 || !isUserChars(user) || !hasValidEscapes(user)) {
    throw parseError(`malformed URI user part: ${clip(text)}`);
  }
  uri.user = user;
  if (colon >= 0) {
    const password = userinfo.slice(colon + 1);
    if (!isUserChars(password) || !hasValidEscapes(password))
      throw parseError(`malformed URI password: ${clip(text)}`);
    uri.password = password;
  }
}

/** hostport (§25.1): hostname / IPv4address / IPv6reference, then an optional `:port`. */
function parseHostPort(
  rest: string,
  start: number,
  text: string,
): { host: string; port?: number; end: number } {
  let i = start;
  if (rest.charCodeAt(i) === 91) {
    const close = rest.indexOf(']', i);
    if (close < 0) throw parseError(`unterminated IPv6 reference in URI: ${clip(text)}`);
    i = close + 1;
  }
  while (i < rest.length && !isHostEnd(rest.charCodeAt(i))) i++;
  const host = rest.slice(start, i);
  if (!isValidHost(host)) throw parseError(`malformed URI host: ${clip(text)}`);
  if (rest.charCodeAt(i) !== 58) return { host, end: i };
  let portEnd = i + 1;
  while (portEnd < rest.length && !isHostEnd(rest.charCodeAt(portEnd))) portEnd++;
  const port = parsePort(rest.slice(i + 1, portEnd));
  if (port === undefined) throw parseError(`malformed URI port: ${clip(text)}`);
  return { host, port, end: portEnd };
}

function isHostEnd(code: number): boolean {
  return code === 58 || code === 59 || code === 63;
}

/** An IPv6 reference holds only hex digits, colons and dots (RFC 5118 §4.10 allows the 3-colon form). */
export function isValidHost(host: string): boolean {
  if (!isHostChars(host)) return false;
  if (host.charCodeAt(0) === 91) {
    return host.length > 2 && host.endsWith(']') && /^\[[0-9a-fA-F:.]+\]$/.test(host) && host.includes(':');
  }
  return !host.includes('[') && !host.includes(']') && !host.includes(':');
}

export function parsePort(text: string): number | undefined {
  const port = decimalValue(text, 5);
  return port >= 0 && port <= 65535 ? port : undefined;
}

function parseUriParams(text: string, uriText: string): ReadonlyMap<string, string> {
  const pairs: string[] = [];
  // Cut at each ';' by hand rather than `split`: one array less per URI with parameters.
  for (let from = 0; from <= text.length; ) {
    const semi = text.indexOf(';', from);
    const end = semi < 0 ? text.length : semi;
    const param = text.slice(from, end);
    from = end + 1;
    const eq = param.indexOf('=');
    const name = (eq < 0 ? param : param.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : param.slice(eq + 1);
    if (name.length === 0 || !isUriParamChars(param) || !hasValidEscapes(param)) {
      throw parseError(`malformed URI parameter "${clip(param)}" in ${clip(uriText)}`);
    }
    pairs.push(name, value);
  }
  return new ParamMap(pairs);
}

/** tel URI (RFC 3966 §3): the number goes to `user`, there is no host. */
function parseTelUri(rest: string, text: string): SipUri {
  const semi = rest.indexOf(';');
  const number = semi < 0 ? rest : rest.slice(0, semi);
  if (number.length === 0 || !isUserChars(number)) throw parseError(`malformed tel URI: ${clip(text)}`);
  const params = semi < 0 ? NO_PARAMS : parseUriParams(rest.slice(semi + 1), text);
  return { scheme: 'tel', user: number, host: '', params };
}

/** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (§25.1) */
function isScheme(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const other = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
    if (!(alpha || (i > 0 && other))) return false;
  }
  return true;
}

/** Whitespace, controls, quotes and angle brackets never appear unescaped in a URI (§25.1, RFC 4475 §3.1.2.7). */
function hasForbiddenChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 127 || c === 34 || c === 60 || c === 62) return true;
  }
  return false;
}

function hasValidEscapes(text: string): boolean {
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
    if (!isHex(text.charCodeAt(i + 1)) || !isHex(text.charCodeAt(i + 2))) return false;
  }
  return true;
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 102);
}

export function clip(text: string, max = 80): string {
  return text.length <= max ? text : text.slice(0, max) + '...';
}
