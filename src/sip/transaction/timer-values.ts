/** RFC 3261 §17.1.1.1 base timers, in ms (config.sip.timers). */
export interface SipTimers {
  readonly t1: number;
  readonly t2: number;
  readonly t4: number;
}

export const DEFAULT_TIMERS: SipTimers = { t1: 500, t2: 4000, t4: 5000 };

/**
 * The derived timers of RFC 3261 Table 4 (§A) and RFC 6026 §8.4 (L, M). On a reliable transport the
 * retransmission timers (A, E, G) are not used and the wait-for-stragglers timers (D, I, J, K) are zero.
 */
export interface DerivedTimers {
  readonly reliable: boolean;
  readonly a: number;
  readonly b: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
  readonly g: number;
  readonly h: number;
  readonly i: number;
  readonly j: number;
  readonly k: number;
  readonly l: number;
  readonly m: number;
  readonly t2: number;
}

export function deriveTimers(base: SipTimers, reliable: boolean): DerivedTimers {
  const { t1, t2, t4 } = base;
  return {
    reliable,
    t2,
    a: t1,
    b: 64 * t1,
    // §17.1.1.2: "at least 32 seconds for unreliable transports".
    d: reliable ? 0 : Math.max(32_000, 64 * t1),
    e: t1,
    f: 64 * t1,
    g: t1,
    h: 64 * t1,
    i: reliable ? 0 : t4,
    j: reliable ? 0 : 64 * t1,
    k: reliable ? 0 : t4,
    l: 64 * t1,
    m: 64 * t1,
  };
}
