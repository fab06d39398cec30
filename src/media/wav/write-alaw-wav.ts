import { ANNOUNCEMENT_SAMPLE_RATE, WAVE_FORMAT } from './check-announcement.js';

/**
 * Writes A-law bytes as a canonical non-PCM WAVE file: an 18-byte fmt chunk (cbSize 0) and the `fact`
 * chunk that non-PCM formats require (RFC 2361 appendix A), 8000 Hz, 8-bit, mono.
 */
export function writeAlawWav(samples: Uint8Array): Buffer {
  const fmtBytes = 18;
  const factBytes = 4;
  const pad = samples.length % 2;
  const riffSize = 4 + (8 + fmtBytes) + (8 + factBytes) + (8 + samples.length + pad);
  const out = Buffer.alloc(8 + riffSize);
  // Buffer#write returns the byte count, writeUInt*LE the next offset: hence `+=` for one, `=` for the other.
  let at = 0;
  at += out.write('RIFF', at, 'latin1');
  at = out.writeUInt32LE(riffSize, at);
  at += out.write('WAVE', at, 'latin1');
  at += out.write('fmt ', at, 'latin1');
  at = out.writeUInt32LE(fmtBytes, at);
  at = out.writeUInt16LE(WAVE_FORMAT.ALAW, at);
  at = out.writeUInt16LE(1, at);
  at = out.writeUInt32LE(ANNOUNCEMENT_SAMPLE_RATE, at);
  at = out.writeUInt32LE(ANNOUNCEMENT_SAMPLE_RATE, at); // byte rate: one byte per sample, one channel
  at = out.writeUInt16LE(1, at); // block align
  at = out.writeUInt16LE(8, at);
  at = out.writeUInt16LE(0, at); // cbSize
  at += out.write('fact', at, 'latin1');
  at = out.writeUInt32LE(factBytes, at);
  at = out.writeUInt32LE(samples.length, at);
  at += out.write('data', at, 'latin1');
  at = out.writeUInt32LE(samples.length, at);
  out.set(samples, at);
  return out;
}
