import { describe, expect, it } from 'vitest';
import { ALAW_FRAME_BYTES, ALAW_SILENCE, alawFrames } from '../../../../src/media/rtp/index.js';

describe('alawFrames', () => {
  it('cuts samples into 160-byte frames in order', () => {
    const samples = Buffer.from(Array.from({ length: 320 }, (_, i) => i % 256));
    const frames = alawFrames(samples);
    expect(frames.map((f) => f.length)).toEqual([ALAW_FRAME_BYTES, ALAW_FRAME_BYTES]);
    expect(Buffer.concat(frames).equals(samples)).toBe(true);
  });

  it('pads the last frame with A-law silence', () => {
    const frames = alawFrames(Buffer.alloc(170, 0x11));
    expect(frames).toHaveLength(2);
    const last = frames[1] ?? Buffer.alloc(0);
    expect([...last.subarray(0, 10)]).toEqual(new Array(10).fill(0x11));
    expect([...last.subarray(10)]).toEqual(new Array(150).fill(ALAW_SILENCE));
  });

  it('gives no frame for no samples', () => {
    expect(alawFrames(Buffer.alloc(0))).toEqual([]);
  });
});
