import { lowerCased, sameIgnoringCase } from './char-classes.js';

/** Compact header names (RFC 3261 §7.3.3, §20; RFC 3515 r, RFC 3891/4028/3892 ...) to their long form. */
const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  o: 'event',
  u: 'allow-events',
  r: 'refer-to',
  b: 'referred-by',
  x: 'session-expires',
  y: 'identity',
  a: 'accept-contact',
  j: 'reject-contact',
  d: 'request-disposition',
  n: 'identity-info',
};

/** Spellings that simple word capitalisation gets wrong (§7.3.1 names are case-insensitive; peers like these). */
const CANONICAL: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
  rack: 'RAck',
  rseq: 'RSeq',
  'sip-etag': 'SIP-ETag',
  'sip-if-match': 'SIP-If-Match',
  'p-asserted-identity': 'P-Asserted-Identity',
  'p-preferred-identity': 'P-Preferred-Identity',
};

/**
 * Headers whose grammar is a comma-separated list (§7.3.1), so one line may carry several values.
 * Everything else keeps its commas: WWW-Authenticate, Authorization, Date, Subject, unknown headers ...
 */
const LIST_HEADERS: ReadonlySet<string> = new Set([
  'via',
  'route',
  'record-route',
  'contact',
  'path',
  'service-route',
  'allow',
  'allow-events',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'accept',
  'accept-encoding',
  'accept-language',
  'content-encoding',
  'content-language',
  'alert-info',
  'call-info',
  'error-info',
  'in-reply-to',
  'warning',
  'p-asserted-identity',
  'p-preferred-identity',
  'reason',
  'history-info',
]);

const canonicalCache = new Map<string, string>();

/** Long, lower-case form of a header name as written (`V` -> `via`, `Content-Length` -> `content-length`). */
export function normalizeHeaderName(name: string): string {
  if (name.length === 1) {
    const lower = name.toLowerCase();
    return COMPACT[lower] ?? lower;
  }
  // Code asks with the long lower-case name nearly always (`headers.get('call-id')`): no new string then.
  return lowerCased(name);
}

/** How a header name is written on the wire: `call-id` -> `Call-ID`, `x-foo-bar` -> `X-Foo-Bar`. */
export function canonicalHeaderName(lowerLongName: string): string {
  const cached = canonicalCache.get(lowerLongName);
  if (cached !== undefined) return cached;
  const canonical =
    CANONICAL[lowerLongName] ??
    lowerLongName.replace(
      /(^|-)([a-z])/g,
      (_match, dash: string, letter: string) => dash + letter.toUpperCase(),
    );
  if (canonicalCache.size < 1000) canonicalCache.set(lowerLongName, canonical);
  return canonical;
}

export function isListHeader(lowerLongName: string): boolean {
  return LIST_HEADERS.has(lowerLongName);
}

/**
 * The names nearly every message carries, as `[spelling, long name]` by spelling length (compact forms
 * included): the parser matches them in place in the message text, without slicing, trimming, checking
 * and lower-casing each name, and every message then shares the same name strings.
 */
const FREQUENT: (readonly [string, string])[][] = [];
for (const name of [
  'via',
  'from',
  'to',
  'call-id',
  'cseq',
  'contact',
  'max-forwards',
  'content-type',
  'content-length',
  'route',
  'record-route',
  'allow',
  'supported',
  'require',
  'user-agent',
  'server',
  'expires',
  'session-expires',
  'min-se',
  'reason',
  'p-asserted-identity',
  'privacy',
  'accept',
  'date',
  'timestamp',
]) {
  addFrequent(name, name);
}
for (const [letter, name] of Object.entries(COMPACT)) addFrequent(letter, name);

function addFrequent(spelling: string, name: string): void {
  const sameLength = FREQUENT[spelling.length];
  if (sameLength) sameLength.push([spelling, name]);
  else FREQUENT[spelling.length] = [[spelling, name]];
}

/**
 * The long lower-case name when `text.slice(start, end)` is one of the frequent names (§7.3.1: any case),
 * else undefined and the caller goes the general way (`normalizeHeaderName`).
 */
export function frequentHeaderName(text: string, start: number, end: number): string | undefined {
  const candidates = FREQUENT[end - start];
  if (candidates === undefined) return undefined;
  for (const [spelling, name] of candidates) if (sameIgnoringCase(text, start, spelling)) return name;
  return undefined;
}
