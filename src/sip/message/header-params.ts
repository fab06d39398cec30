import { isTokenChar, isWhitespace, lowerCased } from './char-classes.js';
import { NO_PARAMS, ParamMap } from './param-map.js';
import type { TextScanner } from './text-scanner.js';

/**
 * `*( SEMI generic-param )` (§25.1) up to the end of the value: names lower-case, a flag has value `''`,
 * quoted values keep their quotes. Throws on anything else (RFC 4475 §3.1.2.1 `;;,;,,`).
 */
export function parseHeaderParams(scanner: TextScanner, what: string): ReadonlyMap<string, string> {
  if (scanner.skipSpace().done) return NO_PARAMS;
  const pairs: string[] = [];
  while (!scanner.skipSpace().done) {
    scanner.expect(';', what);
    const name = scanner.token(what).toLowerCase();
    pairs.push(name, scanner.accept('=') ? paramValue(scanner, what) : '');
  }
  return new ParamMap(pairs);
}

/** gen-value = token / host / quoted-string; host covers IPv6 with or without brackets (RFC 5118 §4.5). */
function paramValue(scanner: TextScanner, what: string): string {
  scanner.skipSpace();
  if (scanner.peek() === 34) return scanner.quotedString(what);
  const { text } = scanner;
  const start = scanner.pos;
  while (scanner.pos < text.length && isValueChar(text.charCodeAt(scanner.pos))) scanner.pos++;
  if (scanner.pos === start) scanner.fail(`empty parameter value in ${what}`);
  return text.slice(start, scanner.pos);
}

function isValueChar(code: number): boolean {
  return (
    isTokenChar(code) || code === 58 || code === 91 || code === 93 || (code > 127 && !isWhitespace(code))
  );
}

/**
 * Regular-expression source of `*( ";" token [ "=" token ] )`: the parameters of a plain Via or name-addr
 * (no LWS, no quoted or host values), which `parsePlainParams` reads.
 */
export const PLAIN_PARAMS = "(?:;[-!%'*+.0-9A-Z_`a-z~]+(?:=[-!%'*+.0-9A-Z_`a-z~]+)?)*";

/**
 * `;a=1;b;c=2` as a ParamMap (names lower-case, a flag's value `''`), for parameters a caller's regular
 * expression already checked against `PLAIN_PARAMS`.
 */
export function parsePlainParams(text: string): ReadonlyMap<string, string> {
  const pairs: string[] = [];
  for (let at = 1; at <= text.length; ) {
    let end = text.indexOf(';', at);
    if (end < 0) end = text.length;
    const eq = text.indexOf('=', at);
    if (eq >= 0 && eq < end) pairs.push(lowerCased(text.slice(at, eq)), text.slice(eq + 1, end));
    else pairs.push(lowerCased(text.slice(at, end)), '');
    at = end + 1;
  }
  return new ParamMap(pairs);
}
