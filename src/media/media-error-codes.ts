/** Stable error codes of the media layer: code -> one-line description (documented in README.md). */
export const MEDIA_ERROR_CODES = {
  MEDIA_ANNOUNCEMENT_INVALID: 'An announcement WAV is not A-law, 8000 Hz, 8-bit, mono with audio (R2)',
  MEDIA_WAV_UNSUPPORTED:
    'A WAV file cannot be decoded for conversion (not a WAV, or an unsupported encoding)',
  MEDIA_FILE_UNREADABLE: 'An audio file cannot be read from disk',
  MEDIA_FILE_UNWRITABLE: 'An audio file cannot be written to disk',
  MEDIA_CONVERT_SAME_FILE: 'announcement convert was asked to overwrite its own input',
  MEDIA_RTP_MALFORMED:
    'An RTP packet or telephone-event payload is too short or has a bad version (RFC 3550, 4733)',
  MEDIA_PORTS_EXHAUSTED: 'Every RTP port pair of VMS_RTP_PORTS is in use (or cannot be bound)',
  MEDIA_PORT_RANGE_INVALID: 'An RTP port range holds no even port with the odd one above it',
  MEDIA_SDP_NO_AUDIO: 'An SDP offer or answer has no usable RTP/AVP audio stream (RFC 3264 §6)',
  MEDIA_SDP_NO_COMMON_CODEC: 'An SDP offer or answer has neither PCMA (8) nor PCMU (0) (RFC 3551)',
  MEDIA_BIND_FAILED: 'An RTP socket cannot be bound for a reason other than the port being taken',
  MEDIA_SESSION_CLOSED: 'A media session was used after it was closed',
  MEDIA_NATIVE_UNAVAILABLE:
    'VMS_RTP_IO=native but build/Release/vms_rtp.node is missing or cannot load (run `npm ci` with g++, make and python3; or set VMS_RTP_IO=node)',
} as const satisfies Record<`MEDIA_${string}`, string>;
