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
} as const satisfies Record<`MEDIA_${string}`, string>;
