import type { CollectRequest, CollectResult, MediaControl, PlayResult } from '../ports.js';

/**
 * MediaControl of live calls until RTP is wired in (the media issue): nothing is played or heard, so
 * prompts end at once and menus time out; queues are skipped (`overLimit`) because `available` is false.
 */
export const unavailableMedia: MediaControl = {
  available: false,
  async play(): Promise<PlayResult> {
    return { ended: 'completed' };
  },
  async collectDigits(_request: CollectRequest): Promise<CollectResult> {
    return { ended: 'timeout', digits: '' };
  },
};
