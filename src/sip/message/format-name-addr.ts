import { formatParams } from './format-via.js';
import { quote } from './text-scanner.js';
import type { NameAddr } from './types.js';

/** Writes `"Display" <uri>;tag=...` (§20.10); always name-addr form, so URI parameters stay in the URI. */
export function formatNameAddr(nameAddr: NameAddr): string {
  const display = nameAddr.displayName === undefined ? '' : `${quote(nameAddr.displayName)} `;
  return `${display}<${nameAddr.uriText}>${formatParams(nameAddr.params)}`;
}
