import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { isAppError } from '../../../../src/errors/index.js';
import {
  checkAnnouncementBuffer,
  convertToAnnouncement,
  readAnnouncementSamples,
} from '../../../../src/media/wav/index.js';
import { makeWav } from './make-wav.js';

const ONE_FRAME_MS = 1000 / 8000;

describe('convertToAnnouncement', () => {
  const inputs = [
    {
      name: '16-bit PCM 16 kHz stereo',
      wav: makeWav({ encoding: 'pcm16', sampleRate: 16000, channels: 2, ms: 900 }),
    },
    { name: '16-bit PCM 44.1 kHz mono', wav: makeWav({ encoding: 'pcm16', sampleRate: 44100, ms: 1234 }) },
    { name: 'µ-law 8 kHz mono', wav: makeWav({ encoding: 'mulaw', ms: 300 }) },
    { name: 'A-law 8 kHz stereo', wav: makeWav({ encoding: 'alaw', channels: 2, ms: 420 }) },
    { name: '16-bit PCM 8 kHz mono', wav: makeWav({ encoding: 'pcm16', ms: 50 }) },
    {
      name: '24-bit PCM 48 kHz stereo',
      wav: makeWav({ encoding: 'pcm24', sampleRate: 48000, channels: 2, ms: 333 }),
    },
    {
      name: '32-bit float 22.05 kHz mono',
      wav: makeWav({ encoding: 'float32', sampleRate: 22050, ms: 600 }),
    },
    { name: 'IMA ADPCM 8 kHz mono', wav: makeWav({ encoding: 'ima-adpcm', ms: 505 }) },
  ];

  for (const { name, wav } of inputs) {
    it(`turns ${name} into a file that passes the check with the same duration`, () => {
      const before = checkAnnouncementBuffer(wav).durationMs ?? Number.NaN;
      const after = checkAnnouncementBuffer(convertToAnnouncement(wav));
      expect(after.problems).toEqual([]);
      expect(Math.abs((after.durationMs ?? Number.NaN) - before)).toBeLessThanOrEqual(
        Math.max(1, ONE_FRAME_MS),
      );
    });
  }

  it('keeps the signal: a converted A-law tone decodes close to the original', () => {
    const source = makeWav({ encoding: 'pcm16', ms: 100 });
    const converted = new wavefile.WaveFile(convertToAnnouncement(source));
    converted.fromALaw('16');
    const original = new wavefile.WaveFile(source).getSamples(false) as Float64Array;
    const decoded = converted.getSamples(false) as Float64Array;
    expect(decoded.length).toBe(original.length);
    // A-law is 8-bit logarithmic: at amplitude 8000 the step is at most 256.
    const worst = Math.max(...decoded.map((sample, i) => Math.abs(sample - (original[i] ?? 0))));
    expect(worst).toBeLessThanOrEqual(256);
  });

  it('averages stereo channels into mono', () => {
    const wav = new wavefile.WaveFile();
    wav.fromScratch(2, 8000, '16', [new Array(80).fill(4000), new Array(80).fill(-4000)]);
    const mono = new wavefile.WaveFile(convertToAnnouncement(Buffer.from(wav.toBuffer())));
    mono.fromALaw('16');
    for (const sample of mono.getSamples(false) as Float64Array)
      expect(Math.abs(sample)).toBeLessThanOrEqual(8);
  });

  it('refuses something that is not a WAV with MEDIA_WAV_UNSUPPORTED', () => {
    expect(() => convertToAnnouncement(Buffer.from('not a wav at all'))).toThrow(
      expect.objectContaining({ code: 'MEDIA_WAV_UNSUPPORTED' }),
    );
  });

  it('refuses a WAV with no samples', () => {
    let caught: unknown;
    try {
      convertToAnnouncement(makeWav({ encoding: 'pcm16', ms: 0 }));
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught, 'MEDIA_WAV_UNSUPPORTED')).toBe(true);
  });
});

describe('readAnnouncementSamples', () => {
  it('returns exactly the A-law payload of a valid announcement', () => {
    const wav = new wavefile.WaveFile(makeWav({ ms: 40 }));
    const payload = readAnnouncementSamples(Buffer.from(wav.toBuffer()));
    expect(payload.length).toBe(320);
    expect([...payload]).toEqual([...(wav.data as { samples: Uint8Array }).samples]);
  });

  it('throws MEDIA_ANNOUNCEMENT_INVALID listing the problems of a bad file', () => {
    expect(() => readAnnouncementSamples(makeWav({ sampleRate: 16000 }))).toThrow(
      expect.objectContaining({
        code: 'MEDIA_ANNOUNCEMENT_INVALID',
        details: { problems: ['sample rate 16000 Hz, expected 8000 Hz'] },
      }),
    );
  });
});
