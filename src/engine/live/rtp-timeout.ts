import type { CallEnd } from '../call-context.js';

/** Which leg of a call sent no RTP for VMS_RTP_TIMEOUT_MS, and that timeout. */
export interface RtpTimeout {
  readonly leg: 'caller' | 'destination';
  readonly timeoutMs: number;
}

/**
 * ITU-T Q.850 cause 102, "recovery on timer expiry": our media inactivity timer ran out. Not 16 (normal
 * clearing: nobody hung up) nor 41 (temporary failure: invites a retry of a call that is simply dead).
 */
export const RTP_TIMEOUT_Q850_CAUSE = 102;

/** RFC 3326 §2: the Reason header of the BYEs that release a call for RTP inactivity. */
export const RTP_TIMEOUT_REASON: readonly [string, string] = [
  'reason',
  `Q.850;cause=${RTP_TIMEOUT_Q850_CAUSE};text="RTP timeout"`,
];

/** How the call record ends when the engine released the call for RTP inactivity. */
export function rtpTimeoutEnd({ leg, timeoutMs }: RtpTimeout): CallEnd {
  return {
    how: 'rtpTimeout',
    reason: `no RTP from the ${leg} for ${timeoutMs} ms: BYE with Reason Q.850 cause ${RTP_TIMEOUT_Q850_CAUSE}`,
  };
}
