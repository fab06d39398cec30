export { AnnouncementCache, DecodedAnnouncement } from './announcement-cache.js';
export { promptPath } from './prompt-path.js';
