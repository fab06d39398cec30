import { AppError } from '../../errors/app-error.js';

/** One RFC 4733 §2.3 telephone-event payload (4 bytes). */
export interface TelephoneEvent {
  event: number;
  end: boolean;
  /** Power level in -dBm0 (0..63). */
  volume: number;
  /** Duration so far, in RTP timestamp units. */
  duration: number;
}

/** RFC 4733 §3.2 DTMF events 0-15: digits, `*`, `#`, A-D. */
const DTMF = '0123456789*#ABCD';

export function decodeTelephoneEvent(payload: Buffer): TelephoneEvent {
  if (payload.length < 4) {
    throw new AppError(
      'MEDIA_RTP_MALFORMED',
      `telephone-event payload of ${payload.length} bytes, expected 4`,
    );
  }
  const flags = payload.readUInt8(1);
  return {
    event: payload.readUInt8(0),
    end: (flags & 0x80) !== 0,
    volume: flags & 0x3f,
    duration: payload.readUInt16BE(2),
  };
}

/** The DTMF character of an event code, or undefined for non-DTMF events (flash, tones...). */
export function dtmfOf(event: number): string | undefined {
  return DTMF[event];
}
