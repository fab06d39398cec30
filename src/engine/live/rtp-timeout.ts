import type { CallEnd } from '../call-context.js';
import { TIMER_EXPIRY_Q850_CAUSE, timerExpiryReason } from './timer-release.js';

/** Which leg of a call sent no RTP for VMS_RTP_TIMEOUT_MS, and that timeout. */
export interface RtpTimeout {
  readonly leg: 'caller' | 'destination';
  readonly timeoutMs: number;
}

/** The Reason of the BYEs that release a call for RTP inactivity. */
export const RTP_TIMEOUT_REASON = timerExpiryReason('RTP timeout');

/** How the call record ends when the engine released the call for RTP inactivity. */
export function rtpTimeoutEnd({ leg, timeoutMs }: RtpTimeout): CallEnd {
  return {
    how: 'rtpTimeout',
    reason: `no RTP from the ${leg} for ${timeoutMs} ms: BYE with Reason Q.850 cause ${TIMER_EXPIRY_Q850_CAUSE}`,
  };
}
