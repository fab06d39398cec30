import type { DecodedAnnouncement } from '../announcements/announcement-cache.js';
import { ALAW_FRAME_BYTES, ALAW_SILENCE } from '../rtp/alaw-frames.js';
import type { AudioCodec } from '../sdp/negotiated-media.js';

/** µ-law encoding of 0 (ITU-T G.711: code 0x00 of the positive half, every bit inverted). */
export const MULAW_SILENCE = 0xff;

/** Endless 20 ms frames: what a leg hears when no prompt plays (silence, ringback, music). */
export interface FrameSource {
  next(codec: AudioCodec): Buffer;
}

const SILENT_FRAMES: Readonly<Record<AudioCodec, Buffer>> = {
  PCMA: Buffer.alloc(ALAW_FRAME_BYTES, ALAW_SILENCE),
  PCMU: Buffer.alloc(ALAW_FRAME_BYTES, MULAW_SILENCE),
};

/** Digital silence in the leg's codec; one shared frame, copied into each packet. */
export const SILENCE: FrameSource = { next: (codec) => SILENT_FRAMES[codec] };

/** `files` over and over (queue music); silence when they hold no frame at all. */
export function loopOf(files: readonly DecodedAnnouncement[]): FrameSource {
  const playable = files.filter((f) => f.alaw.length > 0);
  return playable.length > 0 ? new LoopSource(playable) : SILENCE;
}

/** Announcements played over and over; the cursor stays where a prompt interrupted it. */
class LoopSource implements FrameSource {
  private file = 0;
  private frame = 0;

  /** Each file holds at least one frame. */
  constructor(private readonly files: readonly DecodedAnnouncement[]) {}

  next(codec: AudioCodec): Buffer {
    for (;;) {
      const frames = (this.files[this.file] as DecodedAnnouncement).frames(codec);
      if (this.frame < frames.length) return frames[this.frame++] as Buffer;
      this.file = (this.file + 1) % this.files.length;
      this.frame = 0;
    }
  }
}
