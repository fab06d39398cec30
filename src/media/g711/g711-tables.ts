import alawmulaw from 'alawmulaw';

/** Byte-for-byte G.711 conversion tables (ITU-T G.711 via linear PCM), built once at load. */
function table(convert: (sample: number) => number): Uint8Array {
  const out = new Uint8Array(256);
  for (let i = 0; i < 256; i++) out[i] = convert(i);
  return out;
}

export const ALAW_TO_MULAW: Uint8Array = table((a) =>
  alawmulaw.mulaw.encodeSample(alawmulaw.alaw.decodeSample(a)),
);
export const MULAW_TO_ALAW: Uint8Array = table((u) =>
  alawmulaw.alaw.encodeSample(alawmulaw.mulaw.decodeSample(u)),
);

/** Converts `buffer[start..]` in place through a 256-entry table: no allocation (relay hot path). */
export function transcodeInPlace(buffer: Uint8Array, start: number, lookup: Uint8Array): void {
  for (let i = start; i < buffer.length; i++) buffer[i] = lookup[buffer[i] as number] as number;
}

/** A copy of A-law samples as µ-law (RFC 3551 §4.5.14: PCMU for callers without PCMA). */
export function alawToMulaw(samples: Buffer): Buffer {
  const out = Buffer.from(samples);
  transcodeInPlace(out, 0, ALAW_TO_MULAW);
  return out;
}
