import { isWhitespace } from './char-classes.js';
import { PLAIN_PARAMS, parseHeaderParams, parsePlainParams } from './header-params.js';
import { NO_PARAMS } from './param-map.js';
import { isValidHost, parsePort } from './parse-uri.js';
import { TextScanner } from './text-scanner.js';
import type { Via } from './types.js';

/**
 * Parses one Via value (§20.42, §25.1 via-parm): `SIP / 2.0 / UDP host[:port] *( ; param )`, LWS allowed
 * around `/`, `:` and `;`. `received` may be an IPv6 address with or without brackets (RFC 5118 §4.5),
 * `rport` may be a flag (RFC 3581). Throws `SIP_PARSE_ERROR` (status 400).
 */
export function parseVia(text: string): Via {
  return parsePlainVia(text) ?? parseAnyVia(text);
}

/**
 * The shape nearly every Via has (§20.42): `SIP/2.0/TRANSPORT host[:port]` then `;name[=value]` parameters
 * made of token characters (§25.1), no LWS, quotes, brackets or colons in values. One regex instead of the
 * scanner: ~1.0 µs instead of ~1.65 for the Vias of a call (six per call). What it does not match, or
 * matches with a host or port `parseAnyVia` would refuse, goes to `parseAnyVia`: same result, same errors.
 */
const PLAIN_VIA = new RegExp(
  String.raw`^SIP/2\.0/([A-Z]+) ([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?(${PLAIN_PARAMS})$`,
);

function parsePlainVia(text: string): Via | undefined {
  const match = PLAIN_VIA.exec(text);
  if (match === null) return undefined;
  const transport = match[1]!;
  const host = match[2]!;
  const portText = match[3];
  const paramText = match[4]!;
  const port = portText === undefined ? undefined : parsePort(portText);
  if (!isValidHost(host) || (portText !== undefined && port === undefined)) return undefined;
  return viaOf(transport, host, port, paramText.length === 0 ? NO_PARAMS : parsePlainParams(paramText));
}

/** Any Via value the grammar allows: LWS around separators, IPv6 sent-by and `received`, quoted values. */
function parseAnyVia(text: string): Via {
  const scanner = new TextScanner(text);
  scanner.token('Via protocol');
  scanner.expect('/', 'Via');
  scanner.token('Via version');
  scanner.expect('/', 'Via');
  const transport = scanner.token('Via transport').toUpperCase();
  const host = readSentByHost(scanner);
  const port = scanner.accept(':') ? readPort(scanner) : undefined;
  return viaOf(transport, host, port, parseHeaderParams(scanner, 'Via'));
}

/** The Via object, one shape for both parsers (its fields set in one order). */
function viaOf(
  transport: string,
  host: string,
  port: number | undefined,
  params: ReadonlyMap<string, string>,
): Via {
  const via: { -readonly [K in keyof Via]: Via[K] } = { transport, host, params };
  if (port !== undefined) via.port = port;
  const branch = params.get('branch');
  if (branch !== undefined) via.branch = branch;
  const received = params.get('received');
  if (received !== undefined) via.received = received;
  const rport = params.get('rport');
  if (rport !== undefined) via.rport = rport;
  return via;
}

function readSentByHost(scanner: TextScanner): string {
  const { text } = scanner;
  scanner.skipSpace();
  const start = scanner.pos;
  if (scanner.peek() === 91) {
    const close = text.indexOf(']', start);
    scanner.pos = close < 0 ? text.length : close + 1;
  } else {
    while (!scanner.done && !isSentByEnd(text.charCodeAt(scanner.pos))) scanner.pos++;
  }
  const host = text.slice(start, scanner.pos);
  if (!isValidHost(host)) scanner.fail('malformed Via sent-by host');
  return host;
}

function isSentByEnd(code: number): boolean {
  return code === 58 || code === 59 || code === 44 || isWhitespace(code);
}

function readPort(scanner: TextScanner): number {
  scanner.skipSpace();
  const { text } = scanner;
  const start = scanner.pos;
  while (!scanner.done && !isSentByEnd(text.charCodeAt(scanner.pos))) scanner.pos++;
  const port = parsePort(text.slice(start, scanner.pos));
  return port ?? scanner.fail('malformed Via port');
}
