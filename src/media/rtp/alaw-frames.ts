/** A-law samples per 20 ms at 8000 Hz: one RTP packet of PCMA (RFC 3551 §4.5.14, default ptime 20). */
export const ALAW_FRAME_BYTES = 160;
export const FRAME_MS = 20;
/** A-law encoding of 0 (ITU-T G.711: 0x00 with even bits inverted). */
export const ALAW_SILENCE = 0xd5;

/** Cuts A-law samples into 160-byte frames; the last one is padded with silence so every packet is 20 ms. */
export function alawFrames(samples: Buffer, frameBytes = ALAW_FRAME_BYTES): Buffer[] {
  const frames: Buffer[] = [];
  for (let offset = 0; offset < samples.length; offset += frameBytes) {
    const frame = Buffer.alloc(frameBytes, ALAW_SILENCE);
    samples.copy(frame, 0, offset, Math.min(offset + frameBytes, samples.length));
    frames.push(frame);
  }
  return frames;
}
