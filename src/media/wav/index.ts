export {
  ANNOUNCEMENT_SAMPLE_RATE,
  type AnnouncementCheck,
  checkAnnouncementBuffer,
  checkAnnouncementFile,
  describeFormat,
  WAVE_FORMAT,
} from './check-announcement.js';
export { convertToAnnouncement } from './convert-announcement.js';
export { readAnnouncementSamples } from './read-announcement-samples.js';
export { writeAlawWav } from './write-alaw-wav.js';
