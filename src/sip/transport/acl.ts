import { isIP } from 'node:net';
import { AppError } from '../../errors/app-error.js';

/** One allowed block: the address as 16 bytes (IPv4 mapped into IPv6, RFC 4291 §2.5.5.2) and a prefix length. */
interface AclBlock {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** A compiled trunk ACL: which source addresses may send out-of-dialog requests (M1). */
export interface TrunkAcl {
  readonly blocks: readonly AclBlock[];
}

/** The embedded default: loopback only. */
export const DEFAULT_TRUNKS: readonly string[] = ['127.0.0.0/8', '::1'];

/**
 * Compiles `['10.0.0.0/8', '192.0.2.7', '2001:db8::/32', '::1']` into an ACL.
 * Throws AppError('SIP_ACL_INVALID') naming the bad entry: a typo must stop the start-up, not open the door.
 */
export function compileAcl(entries: readonly string[]): TrunkAcl {
  return { blocks: entries.map(compileEntry) };
}

function compileEntry(entry: string): AclBlock {
  const m = /^([^/\s]+)(?:\/(\d{1,3}))?$/.exec(entry.trim());
  const address = m?.[1] ?? '';
  const family = isIP(address);
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = m?.[2] === undefined ? maxPrefix : Number(m[2]);
  const bytes = family === 0 ? undefined : addressBytes(address);
  if (!bytes || prefix > maxPrefix) {
    throw new AppError(
      'SIP_ACL_INVALID',
      `trunk ACL entry ${JSON.stringify(entry)}: expected an IP or CIDR`,
      {
        details: { entry },
      },
    );
  }
  return { bytes, prefix: family === 4 ? prefix + 96 : prefix };
}

/** True when `address` (as reported by the socket, IPv4, IPv6 or IPv4-mapped IPv6) is inside one block. */
export function isAllowedSource(acl: TrunkAcl, address: string): boolean {
  let verdicts = verdictCache.get(acl);
  if (!verdicts) {
    verdicts = new Map();
    verdictCache.set(acl, verdicts);
  }
  let allowed = verdicts.get(address);
  if (allowed === undefined) {
    const bytes = addressBytes(address);
    allowed = bytes !== undefined && acl.blocks.some((block) => matchesPrefix(block, bytes));
    if (verdicts.size >= MAX_CACHED_SOURCES) verdicts.clear();
    verdicts.set(address, allowed);
  }
  return allowed;
}

/**
 * Verdicts per source address: trunks are few and send every INVITE, and parsing an address (`net.isIP`'s
 * IPv6 expression) costs more than the rest of the check. Bounded so a flood of spoofed sources cannot grow it.
 */
const MAX_CACHED_SOURCES = 1024;
const verdictCache = new WeakMap<TrunkAcl, Map<string, boolean>>();

function matchesPrefix(block: AclBlock, bytes: Uint8Array): boolean {
  const whole = block.prefix >> 3;
  for (let i = 0; i < whole; i++) if (block.bytes[i] !== bytes[i]) return false;
  const rest = block.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((block.bytes[whole] ?? 0) & mask) === ((bytes[whole] ?? 0) & mask);
}

/** 16 bytes for an IPv4 (as ::ffff:a.b.c.d) or IPv6 address, undefined if it is neither. */
export function addressBytes(text: string): Uint8Array | undefined {
  const address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zoneless = address.split('%')[0] ?? '';
  const family = isIP(zoneless);
  if (family === 4) return mapped(ipv4Bytes(zoneless));
  if (family === 6) return ipv6Bytes(zoneless);
  return undefined;
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

function mapped(v4: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  bytes.set(v4, 12);
  return bytes;
}

function ipv6Bytes(address: string): Uint8Array {
  // A trailing dotted quad (::ffff:10.0.0.1) stands for the last two groups (RFC 4291 §2.2).
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  let text = address;
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(tail);
    text = `${address.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tailGroups] = text.split('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tailGroups === undefined ? [] : parse(tailGroups);
  const groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}
