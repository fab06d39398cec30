/**
 * ITU-T Q.850 cause 102, "recovery on timer expiry": a timer of ours ended the call (no RTP for
 * VMS_RTP_TIMEOUT_MS, or answered for VMS_MAX_CALL_SECONDS). Not 16 (normal clearing: nobody hung up) nor
 * 41 (temporary failure: invites a retry of a call that is simply over).
 */
export const TIMER_EXPIRY_Q850_CAUSE = 102;

/** RFC 3326 §2: the Reason header of the BYEs our timer sends, `text` saying which timer. */
export function timerExpiryReason(text: string): readonly [string, string] {
  return ['reason', `Q.850;cause=${TIMER_EXPIRY_Q850_CAUSE};text="${text}"`];
}
