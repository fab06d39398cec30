import type { CallEnd } from '../call-context.js';

/**
 * ITU-T Q.850 cause 102, "recovery on timer expiry": our call-duration timer ran out (VMS_MAX_CALL_SECONDS).
 * The same cause as the RTP timeout: in both cases a timer of ours, not a party, ended the call.
 */
export const MAX_DURATION_Q850_CAUSE = 102;

/** RFC 3326 §2: the Reason header of the BYEs that end a call at the maximum duration. */
export const MAX_DURATION_REASON: readonly [string, string] = [
  'reason',
  `Q.850;cause=${MAX_DURATION_Q850_CAUSE};text="maximum call duration"`,
];

/** How the call record ends when the engine ended an answered call at VMS_MAX_CALL_SECONDS. */
export function maxDurationEnd(maxCallMs: number): CallEnd {
  return {
    how: 'maxDuration',
    reason: `answered for ${maxCallMs / 1000} s (VMS_MAX_CALL_SECONDS): BYE to both sides with Reason Q.850 cause ${MAX_DURATION_Q850_CAUSE}`,
  };
}
