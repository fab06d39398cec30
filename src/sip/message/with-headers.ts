import { rebuildMessage } from './build-message.js';
import { copyMessage, type KnownFields, parsedFields } from './create-message.js';
import { HeaderMap } from './header-map.js';
import { normalizeHeaderName } from './header-names.js';
import type { SipHeaders, SipMessage, SipRequest } from './types.js';

export interface HeaderChanges {
  /** Replaces all values of each header. */
  readonly set?: Readonly<Record<string, string | readonly string[]>>;
  /** Adds one value before the first (Via, Record-Route: §16.6, §16.7). */
  readonly prepend?: Readonly<Record<string, string>>;
  /** Deletes every value of each header. */
  readonly remove?: readonly string[];
}

/**
 * A copy of `message` with headers changed, applied in the order remove, set, prepend; the parsed fields
 * (vias, from, to, ...) follow. Content-Length is always recomputed on serialization. Throws
 * `SIP_MESSAGE_INVALID` if a mandatory header ends up missing or malformed.
 */
export function withHeaders(message: SipMessage, changes: HeaderChanges): SipMessage {
  let raw = copyRaw(message.headers);
  const changed = new Set<string>();
  for (const name of changes.remove ?? []) {
    const key = normalizeHeaderName(name);
    raw.delete(key);
    changed.add(key);
  }
  for (const [name, value] of Object.entries(changes.set ?? {})) {
    const key = normalizeHeaderName(name);
    raw.set(key, typeof value === 'string' ? [value] : [...value]);
    changed.add(key);
  }
  for (const [name, value] of Object.entries(changes.prepend ?? {})) {
    const key = normalizeHeaderName(name);
    const existing = raw.get(key);
    if (existing) existing.unshift(value);
    else raw = new Map([[key, [value]], ...raw]);
    changed.add(key);
  }
  return rebuildMessage(message, raw, unchangedFields(message, changed));
}

/** The parsed fields whose headers were left alone need no second parse (setting Max-Forwards, say). */
function unchangedFields(message: SipMessage, changed: ReadonlySet<string>): KnownFields {
  const parsed = parsedFields(message);
  return {
    vias: changed.has('via') ? undefined : parsed.vias,
    from: changed.has('from') ? undefined : parsed.from,
    to: changed.has('to') ? undefined : parsed.to,
  };
}

function copyRaw(headers: SipHeaders): Map<string, string[]> {
  if (headers instanceof HeaderMap) return headers.cloneRaw();
  return new Map(headers.names().map((name) => [name, [...headers.getAll(name)]]));
}

/** A copy of `request` with another Request-URI (§16.5 retargeting). Throws `SIP_PARSE_ERROR`. */
export function withRequestUri(request: SipRequest, uri: string): SipRequest {
  return copyMessage(request, { uriText: uri });
}

/** A copy of `message` with another body; set Content-Type with `withHeaders` if it changes. */
export function withBody<T extends SipMessage>(message: T, body: Buffer): T {
  return copyMessage(message, { body });
}
