/**
 * The SIP final status an unanswered caller gets when the plan ends on an output that leads nowhere or to
 * `hangup` (RFC 3261 §21.4). Destination outcomes keep the meaning of what happened downstream.
 */
export const RELEASE_STATUS: Readonly<Record<string, { status: number; reason: string }>> = {
  busy: { status: 486, reason: 'Busy Here' },
  noAnswer: { status: 480, reason: 'Temporarily Unavailable' },
  unreachable: { status: 404, reason: 'Not Found' },
  congestion: { status: 503, reason: 'Service Unavailable' },
  cause31: { status: 480, reason: 'Temporarily Unavailable' },
  overLimit: { status: 486, reason: 'Busy Here' },
  queueFull: { status: 486, reason: 'Busy Here' },
  queueTimeout: { status: 480, reason: 'Temporarily Unavailable' },
};

/** Any other output (e.g. `noInput`, `notListed`) that ends the call. */
export const DEFAULT_RELEASE = { status: 480, reason: 'Temporarily Unavailable' } as const;

/** The engine stopped the walk (step limit, failing node). */
export const ENGINE_FAILURE_RELEASE = { status: 500, reason: 'Server Internal Error' } as const;

export function releaseFor(output: string): { status: number; reason: string } {
  return RELEASE_STATUS[output] ?? DEFAULT_RELEASE;
}
