import wavefile from 'wavefile';

/** A sine tone as integer samples of the given bit depth, for building test WAVs. */
export function tone(sampleRate: number, ms: number, amplitude = 8000, hz = 440): number[] {
  const count = Math.round((sampleRate * ms) / 1000);
  return Array.from({ length: count }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate)),
  );
}

/** A 16-bit WAV built by wavefile, then re-encoded as asked. */
export function makeWav(options: {
  channels?: number;
  sampleRate?: number;
  ms?: number;
  encoding?: 'pcm16' | 'pcm24' | 'float32' | 'alaw' | 'mulaw' | 'ima-adpcm';
}): Buffer {
  const { channels = 1, sampleRate = 8000, ms = 500, encoding = 'alaw' } = options;
  const samples = tone(sampleRate, ms);
  const wav = new wavefile.WaveFile();
  wav.fromScratch(
    channels,
    sampleRate,
    '16',
    channels === 1 ? samples : Array.from({ length: channels }, () => samples),
  );
  if (encoding === 'alaw') wav.toALaw();
  if (encoding === 'mulaw') wav.toMuLaw();
  if (encoding === 'ima-adpcm') wav.toIMAADPCM();
  if (encoding === 'pcm24') wav.toBitDepth('24');
  if (encoding === 'float32') wav.toBitDepth('32f');
  return Buffer.from(wav.toBuffer());
}
