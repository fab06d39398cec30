import { formatParams } from './format-via.js';
import type { SipUri } from './types.js';

/** Writes a URI back as text (§19.1.1); escapes stay as they were parsed. */
export function formatUri(uri: SipUri): string {
  if (uri.opaque !== undefined) return `${uri.scheme}:${uri.opaque}`;
  if (uri.scheme === 'tel') return `tel:${uri.user ?? ''}${formatParams(uri.params)}`;
  let text = `${uri.scheme}:`;
  if (uri.user !== undefined) {
    text += uri.user;
    if (uri.password !== undefined) text += `:${uri.password}`;
    text += '@';
  }
  text += uri.host;
  if (uri.port !== undefined) text += `:${uri.port}`;
  text += formatParams(uri.params);
  if (uri.headers !== undefined) text += `?${uri.headers}`;
  return text;
}
