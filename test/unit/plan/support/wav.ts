import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';

/** A short tone as a WAV: A-law 8 kHz mono (valid for R2) or 16-bit PCM (invalid). */
export function toneWav(encoding: 'alaw' | 'pcm16' = 'alaw'): Buffer {
  const samples = Array.from({ length: 800 }, (_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)),
  );
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, 8000, '16', samples);
  if (encoding === 'alaw') wav.toALaw();
  return Buffer.from(wav.toBuffer());
}

/** Writes `<dir>/<lang>/<prompt>.wav` for every prompt and language given. */
export function writeAnnouncements(
  dir: string,
  prompts: readonly string[],
  languages: readonly string[],
): void {
  const wav = toneWav();
  for (const language of languages) {
    mkdirSync(join(dir, language), { recursive: true });
    for (const prompt of prompts) writeFileSync(join(dir, language, `${prompt}.wav`), wav);
  }
}
