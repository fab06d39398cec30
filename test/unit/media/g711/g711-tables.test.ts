import alawmulaw from 'alawmulaw';
import { describe, expect, it } from 'vitest';
import { ALAW_TO_MULAW, alawToMulaw, MULAW_TO_ALAW, transcodeInPlace } from '../../../../src/media/index.js';

const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('G.711 tables', () => {
  it('convert A-law to µ-law as decoding then encoding through linear PCM does', () => {
    const viaPcm = alawmulaw.mulaw.encode(alawmulaw.alaw.decode(allBytes));
    expect(Buffer.from(alawToMulaw(Buffer.from(allBytes)))).toEqual(Buffer.from(viaPcm));
    expect(Buffer.from(ALAW_TO_MULAW)).toEqual(Buffer.from(viaPcm));
  });

  it('convert µ-law to A-law the same way', () => {
    expect(Buffer.from(MULAW_TO_ALAW)).toEqual(
      Buffer.from(alawmulaw.alaw.encode(alawmulaw.mulaw.decode(allBytes))),
    );
  });

  it('leave the bytes before the start untouched when converting in place', () => {
    const packet = Buffer.from(allBytes);
    transcodeInPlace(packet, 12, ALAW_TO_MULAW);
    expect(packet.subarray(0, 12)).toEqual(Buffer.from(allBytes.subarray(0, 12)));
    expect(packet[100]).toBe(ALAW_TO_MULAW[100]);
  });
});
