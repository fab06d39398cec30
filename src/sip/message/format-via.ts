import type { Via } from './types.js';

/**
 * Writes a Via value (§20.42): `SIP/2.0/UDP host:port;branch=...`. The `branch`, `received` and `rport`
 * fields win over the same names in `params`; `rport: ''` writes the bare flag (RFC 3581 §3).
 */
export function formatVia(via: Via): string {
  const params = new Map(via.params);
  if (via.branch !== undefined) params.set('branch', via.branch);
  if (via.received !== undefined) params.set('received', via.received);
  if (via.rport !== undefined) params.set('rport', via.rport);
  let text = `SIP/2.0/${via.transport} ${via.host}`;
  if (via.port !== undefined) text += `:${via.port}`;
  return text + formatParams(params);
}

/** `;name=value;flag` for header and URI parameters. */
export function formatParams(params: ReadonlyMap<string, string>): string {
  let text = '';
  for (const [name, value] of params) text += value === '' ? `;${name}` : `;${name}=${value}`;
  return text;
}
