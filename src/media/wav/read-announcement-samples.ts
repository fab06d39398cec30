import { AppError } from '../../errors/app-error.js';
import { checkAnnouncementBuffer } from './check-announcement.js';
import { readRiffWave } from './riff-chunks.js';

/**
 * The A-law payload of an announcement, ready to be cut into RTP frames (PCMA, RFC 3551 §4.5.14).
 * Throws MEDIA_ANNOUNCEMENT_INVALID when the file does not pass the check.
 */
export function readAnnouncementSamples(data: Buffer): Buffer {
  const check = checkAnnouncementBuffer(data);
  const payload = readRiffWave(data).data;
  if (!check.ok || payload === undefined) {
    throw new AppError(
      'MEDIA_ANNOUNCEMENT_INVALID',
      `not a playable announcement: ${check.problems.join('; ')}`,
      {
        details: { problems: check.problems },
      },
    );
  }
  return Buffer.from(payload);
}
