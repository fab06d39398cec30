import alawmulaw from 'alawmulaw';
import { alawToMulaw } from '../g711/g711-tables.js';
import { ALAW_FRAME_BYTES, FRAME_MS } from '../rtp/alaw-frames.js';
import type { AudioCodec } from '../sdp/negotiated-media.js';
import { type FrameSource, SILENCE } from './frame-source.js';

/** ITU-T E.180 Supplement 2, most of Europe (Belgium included): 425 Hz, 1 s on, 4 s off. */
export const RINGBACK_HZ = 425;
export const RINGBACK_ON_MS = 1000;
export const RINGBACK_OFF_MS = 4000;
/** About -13 dBm0, the level E.180 suggests for tones (full scale is 32767). */
const AMPLITUDE = 5000;
const SAMPLE_RATE = 8000;

/** One whole cadence (1 s of tone, 4 s of silence) as A-law frames, made once per process. */
function cadence(): Buffer[] {
  const onFrames = RINGBACK_ON_MS / FRAME_MS;
  const frames: Buffer[] = [];
  for (let f = 0; f < onFrames; f++) {
    const pcm = Int16Array.from({ length: ALAW_FRAME_BYTES }, (_, i) => {
      const n = f * ALAW_FRAME_BYTES + i;
      return Math.round(AMPLITUDE * Math.sin((2 * Math.PI * RINGBACK_HZ * n) / SAMPLE_RATE));
    });
    frames.push(Buffer.from(alawmulaw.alaw.encode(pcm)));
  }
  const silence = SILENCE.next('PCMA');
  for (let f = 0; f < RINGBACK_OFF_MS / FRAME_MS; f++) frames.push(silence);
  return frames;
}

let alaw: readonly Buffer[] | undefined;
let mulaw: readonly Buffer[] | undefined;

/** The ringback cadence's frames in one codec (shared by every call). */
export function ringbackFrames(codec: AudioCodec): readonly Buffer[] {
  alaw ??= cadence();
  if (codec === 'PCMA') return alaw;
  mulaw ??= alaw.map(alawToMulaw);
  return mulaw;
}

/** The ringback tone from the start of its cadence (tone first), over and over. */
export class RingbackTone implements FrameSource {
  private frame = 0;

  next(codec: AudioCodec): Buffer {
    const frames = ringbackFrames(codec);
    const frame = frames[this.frame] as Buffer;
    this.frame = (this.frame + 1) % frames.length;
    return frame;
  }
}
