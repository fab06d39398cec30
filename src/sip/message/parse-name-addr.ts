import { isTokenChar, isWhitespace } from './char-classes.js';
import { PLAIN_PARAMS, parseHeaderParams, parsePlainParams } from './header-params.js';
import { NO_PARAMS } from './param-map.js';
import { parseError } from './parse-error.js';
import { clip, parseUri } from './parse-uri.js';
import { TextScanner, unquote } from './text-scanner.js';
import type { NameAddr } from './types.js';

/**
 * Parses `( name-addr / addr-spec ) *( SEMI param )` (§20.10, §25.1): From, To, Contact, Route,
 * Record-Route, Refer-To ... Throws `SIP_PARSE_ERROR` (status 400).
 */
export function parseNameAddr(text: string): NameAddr {
  return parsePlainNameAddr(text) ?? parseAnyNameAddr(text);
}

/**
 * The shape nearly every From and To has: an optional quoted display name without escapes, `<uri>` with no
 * LWS, quotes or brackets inside, then `;name[=value]` parameters of token characters. One regex instead of
 * the scanner (the URI itself still goes through `parseUri`, as on the other path); anything else goes to
 * `parseAnyNameAddr`: same result, same errors (tests compare both).
 */
const PLAIN_NAME_ADDR = new RegExp(String.raw`^(?:"([^"\\]*)" ?)?<([^\s<>"]+)>(${PLAIN_PARAMS})$`);

function parsePlainNameAddr(text: string): NameAddr | undefined {
  const match = PLAIN_NAME_ADDR.exec(text);
  if (match === null) return undefined;
  const displayName = match[1];
  const uriText = match[2]!;
  const paramText = match[3]!;
  const uri = parseUri(uriText);
  const params = paramText.length === 0 ? NO_PARAMS : parsePlainParams(paramText);
  return displayName === undefined ? { uri, uriText, params } : { displayName, uri, uriText, params };
}

/** Any name-addr or addr-spec the grammar allows: LWS, token display names, escapes, quoted values. */
function parseAnyNameAddr(text: string): NameAddr {
  const scanner = new TextScanner(text);
  scanner.skipSpace();
  const displayName = readDisplayName(scanner);
  const uriText =
    displayName === undefined && scanner.peek() !== 60 ? readAddrSpec(scanner) : readAngled(scanner);
  const uri = parseUri(uriText);
  const params = parseHeaderParams(scanner, 'name-addr');
  return displayName === undefined ? { uri, uriText, params } : { displayName, uri, uriText, params };
}

/** A quoted display name, or a run of tokens and LWS followed by `<` (§25.1 display-name). */
function readDisplayName(scanner: TextScanner): string | undefined {
  if (scanner.peek() === 34) {
    const quoted = unquote(scanner.quotedString('display name'));
    scanner.skipSpace();
    if (scanner.peek() !== 60) scanner.fail('expected "<" after the display name');
    return quoted;
  }
  const { text } = scanner;
  const angle = text.indexOf('<', scanner.pos);
  if (angle < 0 || angle === scanner.pos) return undefined;
  const before = text.slice(scanner.pos, angle);
  if (isAddrSpecStart(before)) return undefined;
  for (let i = 0; i < before.length; i++) {
    const code = before.charCodeAt(i);
    if (!isTokenChar(code) && !isWhitespace(code)) scanner.fail('display name with characters outside token');
  }
  scanner.pos = angle;
  return before.trim();
}

/** `sip:a@b;x=<...>` is an addr-spec whose parameter happens to contain `<`, not a display name. */
function isAddrSpecStart(before: string): boolean {
  return before.includes(':') || before.includes(';');
}

function readAngled(scanner: TextScanner): string {
  scanner.expect('<', 'name-addr');
  const close = scanner.text.indexOf('>', scanner.pos);
  if (close < 0) scanner.fail('unterminated "<" in name-addr');
  const uriText = scanner.text.slice(scanner.pos, close);
  // RFC 4475 §3.1.2.14: no LWS inside <>; we reject rather than guess.
  if (
    uriText.length === 0 ||
    isWhitespace(uriText.charCodeAt(0)) ||
    isWhitespace(uriText.charCodeAt(uriText.length - 1))
  ) {
    scanner.fail('whitespace inside <> in name-addr');
  }
  scanner.pos = close + 1;
  return uriText;
}

/** §20.10: without <>, the URI ends at the first `;` and may not contain `,` or `?`. */
function readAddrSpec(scanner: TextScanner): string {
  const { text } = scanner;
  let end = scanner.pos;
  while (end < text.length && text.charCodeAt(end) !== 59 && !isWhitespace(text.charCodeAt(end))) end++;
  const uriText = text.slice(scanner.pos, end);
  if (uriText.includes(',') || uriText.includes('?')) {
    throw parseError(`a URI with "," or "?" must be enclosed in <> (§20.10): ${clip(text)}`);
  }
  scanner.pos = end;
  return uriText;
}
