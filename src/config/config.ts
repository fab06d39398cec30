/**
 * The engine's configuration: read once from the environment (and CLI overrides) into a typed, frozen
 * object. Nothing else in the code base reads `process.env`. A bad value stops the start-up with a
 * message naming the variable, the value and what is expected: no silent fallback.
 */
import { DateTime } from 'luxon';
import { AppError } from '../errors/app-error.js';
import type { SystemLanguage } from '../plan/types.js';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface EgressRoute extends HostPort {
  /** Number prefix (E.164, with `+`), `''` for the default route. */
  readonly prefix: string;
  readonly transport: 'udp' | 'tcp';
}

export interface Config {
  readonly plansDir: string;
  readonly announcementsDir: string;
  readonly logLevel: string;
  readonly systemLanguage: SystemLanguage;
  readonly store: { readonly kind: 'memory' } | { readonly kind: 'redis'; readonly url: string };
  readonly sip: {
    /** Addresses the engine listens on, UDP and TCP alike. */
    readonly listen: readonly HostPort[];
    readonly transports: readonly ('udp' | 'tcp')[];
    /** Trunk ACL: addresses or CIDR blocks allowed to send INVITEs (M1). */
    readonly trunks: readonly string[];
    /**
     * Where destination numbers are sent: egress trunks by number prefix, longest prefix first; the
     * route with the empty prefix is the default. `VMS_EGRESS=+3281=udp:10.0.0.2:5060,udp:127.0.0.1:5090`.
     */
    readonly egress: readonly EgressRoute[];
    /** RFC 3261 §17.1.1.1 T1, T2, T4 in ms. */
    readonly timers: { readonly t1: number; readonly t2: number; readonly t4: number };
    /**
     * An answered call is released after this long (BYE to both sides), 0 = never: the safety net for a
     * call whose BYE was lost for good, which would otherwise hold its limit slot forever.
     */
    readonly maxCallMs: number;
    /**
     * How SIP's UDP datagrams move: `native` (native/sip-udp.c in the vms_rtp addon: recvmmsg and
     * sendmmsg from the event loop, nothing allocated per datagram) or `node` (Node's dgram). `VMS_SIP_UDP_IO`.
     */
    readonly udpIo: 'native' | 'node';
    /**
     * Receive and send buffer asked for each SIP UDP socket, bytes: what absorbs a burst while the event
     * loop is busy. `VMS_SIP_UDP_BUFFER_BYTES`, 64 KiB to 1 GiB.
     */
    readonly udpBufferBytes: number;
    /**
     * A new INVITE that waited longer than this (ms) in a SIP UDP socket before the engine read it is
     * refused with 503 (overload); 0 = never. `VMS_SIP_MAX_WAIT_MS`, 0 to 10,000.
     */
    readonly maxWaitMs: number;
  };
  readonly admin: { readonly listen: HostPort | undefined };
  /**
   * Test and debug option: epoch ms the engine's clock reads when it starts (then it runs at real speed),
   * so calendars can be exercised at a chosen time. `VMS_CLOCK_START`, ISO-8601; Brussels time without offset.
   */
  readonly clockStartMs: number | undefined;
  readonly mail: { readonly smtpUrl: string | undefined; readonly outboxDir: string; readonly from: string };
  readonly media: {
    /** RTP port range, both ends included: RTP on the even ports, RTCP on the odd port above each. */
    readonly rtpPorts: { readonly min: number; readonly max: number };
    /** Address our RTP sockets bind to and the SDP announces. */
    readonly rtpAddress: string;
    /** A leg that sends no RTP for this long is released. */
    readonly rtpTimeoutMs: number;
    /**
     * How RTP packets move: `native` (the vms_rtp addon, build/Release/vms_rtp.node, built by `npm ci`:
     * bridged calls relayed on a thread of their own, announcement packets sent in one call per clock
     * slot) or `node` (dgram in the event loop: ~3x the CPU per relayed packet). `VMS_RTP_IO`.
     */
    readonly rtpIo: 'native' | 'node';
  };
}

/** Environment variables, with their defaults: the embedded default runs on loopback with no server. */
export const CONFIG_DEFAULTS: Readonly<Record<string, string>> = {
  VMS_PLANS_DIR: 'plans',
  VMS_ANNOUNCEMENTS_DIR: 'announcements',
  VMS_LOG_LEVEL: 'info',
  VMS_SYSTEM_LANGUAGE: 'fr',
  VMS_STORE: 'memory',
  VMS_REDIS_URL: 'redis://127.0.0.1:6379',
  VMS_SIP_LISTEN: '127.0.0.1:5060',
  VMS_SIP_TRANSPORTS: 'udp,tcp',
  VMS_TRUNKS: '127.0.0.0/8,::1',
  VMS_EGRESS: 'udp:127.0.0.1:5090',
  VMS_SIP_T1_MS: '500',
  VMS_SIP_T2_MS: '4000',
  VMS_SIP_T4_MS: '5000',
  VMS_MAX_CALL_SECONDS: '14400',
  VMS_ADMIN_LISTEN: '',
  VMS_CLOCK_START: '',
  VMS_SMTP_URL: '',
  VMS_OUTBOX_DIR: 'var/outbox',
  VMS_MAIL_FROM: 'vms@localhost',
  VMS_RTP_PORTS: '20000-29999',
  VMS_RTP_ADDRESS: '127.0.0.1',
  VMS_RTP_TIMEOUT_MS: '30000',
  VMS_RTP_IO: 'native',
  VMS_SIP_UDP_IO: 'native',
  VMS_SIP_UDP_BUFFER_BYTES: String(32 * 1024 * 1024),
  VMS_SIP_MAX_WAIT_MS: '300',
};

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env, overrides: Env = {}): Config {
  const get = (name: string): string => overrides[name] ?? env[name] ?? CONFIG_DEFAULTS[name] ?? '';
  const storeKind = oneOf(get, 'VMS_STORE', ['memory', 'redis'] as const);
  const config: Config = {
    plansDir: get('VMS_PLANS_DIR'),
    announcementsDir: get('VMS_ANNOUNCEMENTS_DIR'),
    logLevel: oneOf(get, 'VMS_LOG_LEVEL', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    systemLanguage: oneOf(get, 'VMS_SYSTEM_LANGUAGE', ['en', 'de', 'nl', 'fr', 'bi'] as const),
    store: storeKind === 'redis' ? { kind: 'redis', url: get('VMS_REDIS_URL') } : { kind: 'memory' },
    sip: {
      listen: list(get, 'VMS_SIP_LISTEN').map((v) => hostPort('VMS_SIP_LISTEN', v)),
      transports: list(get, 'VMS_SIP_TRANSPORTS').map((v) => {
        if (v !== 'udp' && v !== 'tcp') throw invalid('VMS_SIP_TRANSPORTS', v, '"udp", "tcp" or "udp,tcp"');
        return v;
      }),
      trunks: list(get, 'VMS_TRUNKS'),
      egress: egressRoutes(list(get, 'VMS_EGRESS')),
      timers: {
        t1: positiveInt(get, 'VMS_SIP_T1_MS'),
        t2: positiveInt(get, 'VMS_SIP_T2_MS'),
        t4: positiveInt(get, 'VMS_SIP_T4_MS'),
      },
      maxCallMs: nonNegativeInt(get, 'VMS_MAX_CALL_SECONDS') * 1000,
      udpIo: oneOf(get, 'VMS_SIP_UDP_IO', ['native', 'node'] as const),
      udpBufferBytes: intBetween(get, 'VMS_SIP_UDP_BUFFER_BYTES', 64 * 1024, 1024 * 1024 * 1024),
      maxWaitMs: intBetween(get, 'VMS_SIP_MAX_WAIT_MS', 0, 10_000),
    },
    admin: {
      listen: get('VMS_ADMIN_LISTEN') ? hostPort('VMS_ADMIN_LISTEN', get('VMS_ADMIN_LISTEN')) : undefined,
    },
    clockStartMs: get('VMS_CLOCK_START') ? isoTime('VMS_CLOCK_START', get('VMS_CLOCK_START')) : undefined,
    mail: {
      smtpUrl: get('VMS_SMTP_URL') || undefined,
      outboxDir: get('VMS_OUTBOX_DIR'),
      from: get('VMS_MAIL_FROM'),
    },
    media: {
      rtpPorts: portRange(get('VMS_RTP_PORTS')),
      rtpAddress: get('VMS_RTP_ADDRESS'),
      rtpTimeoutMs: positiveInt(get, 'VMS_RTP_TIMEOUT_MS'),
      rtpIo: oneOf(get, 'VMS_RTP_IO', ['native', 'node'] as const),
    },
  };
  return deepFreeze(config);
}

function invalid(name: string, value: string, expected: string): AppError {
  return new AppError('CONFIG_INVALID', `${name}=${JSON.stringify(value)}: expected ${expected}`, {
    details: { variable: name, value },
  });
}

function oneOf<T extends string>(get: (n: string) => string, name: string, allowed: readonly T[]): T {
  const value = get(name);
  if (!(allowed as readonly string[]).includes(value))
    throw invalid(name, value, `one of ${allowed.join(', ')}`);
  return value as T;
}

function list(get: (n: string) => string, name: string): string[] {
  return get(name)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function positiveInt(get: (n: string) => string, name: string): number {
  return integerIn(get, name, 1, Number.POSITIVE_INFINITY, 'a positive integer');
}

function intBetween(get: (n: string) => string, name: string, min: number, max: number): number {
  return integerIn(get, name, min, max, `an integer from ${min} to ${max}`);
}

function nonNegativeInt(get: (n: string) => string, name: string): number {
  return integerIn(get, name, 0, Number.POSITIVE_INFINITY, 'an integer, 0 or more');
}

/** The variable as an integer from `min` to `max`; CONFIG_INVALID saying `expected` otherwise (blank too). */
function integerIn(
  get: (n: string) => string,
  name: string,
  min: number,
  max: number,
  expected: string,
): number {
  const value = get(name);
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max || value.trim() === '') throw invalid(name, value, expected);
  return n;
}

/** `20000-29999`: at least one even RTP port with its odd RTCP port above it, within 1024-65535. */
function portRange(value: string): { min: number; max: number } {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(value.trim());
  const min = Number(m?.[1]);
  const max = Number(m?.[2]);
  const firstEven = min + (min % 2);
  if (!m || min < 1024 || max > 65535 || firstEven + 1 > max) {
    throw invalid(
      'VMS_RTP_PORTS',
      value,
      'min-max within 1024-65535 holding an even port and the next, e.g. 20000-29999',
    );
  }
  return { min, max };
}

/** ISO-8601 date-time; without an offset it is Brussels time (the calendars' default zone). */
function isoTime(name: string, value: string): number {
  const time = DateTime.fromISO(value, { zone: 'Europe/Brussels' });
  if (!time.isValid) throw invalid(name, value, 'an ISO-8601 time, e.g. 2026-03-30T10:00');
  return time.toMillis();
}

/** `127.0.0.1:5060`, `[::1]:5060`. Port 0 means "any free port" (tests). */
export function hostPort(name: string, value: string): HostPort {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(value);
  const port = Number(m?.[3]);
  if (!m || port > 65535) throw invalid(name, value, 'host:port, e.g. 127.0.0.1:5060 or [::1]:5060');
  return { host: (m[1] ?? m[2]) as string, port };
}

/** `[prefix=][udp|tcp:]host:port`, sorted longest prefix first; exactly one default route required. */
function egressRoutes(values: readonly string[]): EgressRoute[] {
  const routes = values.map((value): EgressRoute => {
    const m = /^(?:(\+\d*)=)?(?:(udp|tcp):)?(.+)$/.exec(value);
    if (!m) throw invalid('VMS_EGRESS', value, '[+prefix=][udp|tcp:]host:port');
    const transport = (m[2] ?? 'udp') as 'udp' | 'tcp';
    return { prefix: m[1] ?? '', transport, ...hostPort('VMS_EGRESS', m[3] as string) };
  });
  if (routes.filter((r) => r.prefix === '').length !== 1) {
    throw invalid('VMS_EGRESS', values.join(','), 'exactly one default route (an entry without prefix=)');
  }
  return routes.sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The egress trunk for a number: the longest matching prefix, else the default route. */
export function egressFor(routes: readonly EgressRoute[], number: string): EgressRoute {
  return (routes.find((r) => number.startsWith(r.prefix)) ?? routes.at(-1)) as EgressRoute;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
