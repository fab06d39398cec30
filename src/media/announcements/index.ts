export { AnnouncementCache, DecodedAnnouncement } from './announcement-cache.js';
