import { generateBranch } from '../message/index.js';
import type { Endpoint } from '../message/types.js';

/** Used only when no socket of the transport is bound (the stack is not started). */
const FALLBACK_HOST = '127.0.0.1';

const VIA_TRANSPORT: Readonly<Record<Endpoint['transport'], string>> = { udp: 'UDP', tcp: 'TCP' };

/**
 * Our Via value (§8.1.1.7, §18.1.1): `SIP/2.0/UDP host:port;branch=z9hG4bK...;rport`. IPv6 hosts are
 * bracketed (§25.1 IPv6reference); `rport` asks the far end to answer to our real source port (RFC 3581 §3).
 */
export function formatOwnVia(local: Endpoint | undefined, transport: Endpoint['transport']): string {
  const address = local?.address ?? FALLBACK_HOST;
  const host = address.includes(':') ? `[${address}]` : address;
  const port = local ? `:${local.port}` : '';
  return `SIP/2.0/${VIA_TRANSPORT[transport]} ${host}${port};branch=${generateBranch()};rport`;
}
