import type { CallEnd } from '../call-context.js';
import { TIMER_EXPIRY_Q850_CAUSE, timerExpiryReason } from './timer-release.js';

/** The Reason of the BYEs that end a call at the maximum duration (VMS_MAX_CALL_SECONDS). */
export const MAX_DURATION_REASON = timerExpiryReason('maximum call duration');

/** How the call record ends when the engine ended an answered call at VMS_MAX_CALL_SECONDS. */
export function maxDurationEnd(maxCallMs: number): CallEnd {
  return {
    how: 'maxDuration',
    reason: `answered for ${maxCallMs / 1000} s (VMS_MAX_CALL_SECONDS): BYE to both sides with Reason Q.850 cause ${TIMER_EXPIRY_Q850_CAUSE}`,
  };
}
