/** Character classes of the RFC 3261 §25.1 grammar, as 128-entry lookup tables (no regex on the hot path). */

function table(chars: string, ranges: readonly (readonly [string, string])[] = []): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  for (const [from, to] of ranges) {
    for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) t[code] = 1;
  }
  return t;
}

const ALNUM: readonly (readonly [string, string])[] = [
  ['a', 'z'],
  ['A', 'Z'],
  ['0', '9'],
];

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
const TOKEN = table("-.!%*_+`'~", ALNUM);
/** unreserved / escaped / user-unreserved (§25.1 user, password) */
const USER = table("-_.!~*'()%&=+$,;?/:", ALNUM);
/** hostname chars, IPv4 and the inside of an IPv6 reference; `_` tolerated (seen in the wild). */
const HOST = table('-._:[]', ALNUM);
/** paramchar / hnv-unreserved / unreserved / escaped (§25.1 uri-parameter, header) */
const URI_PARAM = table("-_.!~*'()%[]/:&+$=?@", ALNUM);

function inTable(t: Uint8Array, text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || t[code] !== 1) return false;
  }
  return true;
}

export function isToken(text: string, start = 0, end = text.length): boolean {
  return end > start && inTable(TOKEN, text, start, end);
}

export function isUserChars(text: string): boolean {
  return inTable(USER, text, 0, text.length);
}

export function isHostChars(text: string): boolean {
  return text.length > 0 && inTable(HOST, text, 0, text.length);
}

export function isUriParamChars(text: string): boolean {
  return inTable(URI_PARAM, text, 0, text.length);
}

export function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN[code] === 1;
}

export function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}

/**
 * ECMAScript WhiteSpace and LineTerminator: what `String.prototype.trim` removes and RegExp `\s` matches,
 * so loops over char codes can replace both on the hot path with the same result.
 */
export function isJsSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * The value of `text` when it is 1 to `maxLength` decimal digits, else -1. Summed by hand: `Number(text)`
 * is a call into V8's runtime, and ports, CSeq numbers and Max-Forwards are read several times per call.
 */
export function decimalValue(text: string, maxLength = 10): number {
  if (text.length === 0 || text.length > maxLength) return -1;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Only decimal digits, at least one, at most `maxLength` (keeps overlarge scalars out of Number). */
export function isDigits(text: string, maxLength = 10): boolean {
  return decimalValue(text, maxLength) >= 0;
}

/**
 * `lower` (a lower-case ASCII word) at `start` in `text`, its letters in either case: SIP names, tokens and
 * the version are case-insensitive (§7.1, §7.3.1), and this needs no slice or `toLowerCase` per message.
 */
export function sameIgnoringCase(text: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const want = lower.charCodeAt(i);
    const code = text.charCodeAt(start + i);
    if (code !== want && !(want >= 97 && want <= 122 && code === want - 32)) return false;
  }
  return true;
}

/** `text.toLowerCase()`, without a new string when nothing would change (the usual case for SIP names). */
export function lowerCased(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // An ASCII capital, or anything past ASCII that `toLowerCase` might change.
    if ((code >= 65 && code <= 90) || code > 127) return text.toLowerCase();
  }
  return text;
}
