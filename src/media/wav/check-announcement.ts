import { readFile } from 'node:fs/promises';
import { readRiffWave, type WavFormat } from './riff-chunks.js';

/** Result of checking one announcement WAV against R2 (A-law, 8000 Hz, 8-bit, mono). */
export interface AnnouncementCheck {
  ok: boolean;
  /** Human-readable, each naming what was found and what is expected. Empty when ok. */
  problems: string[];
  durationMs?: number;
  format?: { audioFormat: number; sampleRate: number; bitsPerSample: number; channels: number };
}

/** WAVE format tags (RFC 2361 appendix A). */
export const WAVE_FORMAT = { PCM: 1, IEEE_FLOAT: 3, ALAW: 6, MULAW: 7 } as const;
export const ANNOUNCEMENT_SAMPLE_RATE = 8000;

const FORMAT_NAMES: Readonly<Record<number, string>> = {
  1: 'PCM',
  3: 'IEEE float',
  6: 'A-law',
  7: 'µ-law',
  17: 'IMA ADPCM',
};

/** Checks a WAV held in memory. Never throws: anything wrong, including garbage input, is a problem. */
export function checkAnnouncementBuffer(data: Buffer): AnnouncementCheck {
  const wave = readRiffWave(data);
  const problems = [...wave.problems];
  const { format } = wave;
  if (format !== undefined) problems.push(...formatProblems(format));
  if (wave.data !== undefined && wave.data.length === 0) problems.push('data chunk is empty: no audio');
  const check: AnnouncementCheck = { ok: problems.length === 0, problems };
  if (format !== undefined) {
    check.format = { ...format };
    const durationMs = durationOf(format, wave.data?.length ?? 0);
    if (durationMs !== undefined) check.durationMs = durationMs;
  }
  return check;
}

/** Checks a WAV file on disk; an unreadable file is reported as a problem, not thrown. */
export async function checkAnnouncementFile(path: string): Promise<AnnouncementCheck> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, problems: [`cannot read file: ${reason}`] };
  }
  return checkAnnouncementBuffer(data);
}

function formatProblems(format: WavFormat): string[] {
  const problems: string[] = [];
  if (format.audioFormat !== WAVE_FORMAT.ALAW) {
    problems.push(
      `audio format ${describeFormat(format.audioFormat)}, expected ${describeFormat(WAVE_FORMAT.ALAW)}`,
    );
  }
  if (format.sampleRate !== ANNOUNCEMENT_SAMPLE_RATE) {
    problems.push(`sample rate ${format.sampleRate} Hz, expected ${ANNOUNCEMENT_SAMPLE_RATE} Hz`);
  }
  if (format.bitsPerSample !== 8) problems.push(`${format.bitsPerSample} bits per sample, expected 8`);
  if (format.channels !== 1) problems.push(`${format.channels} channels, expected 1 (mono)`);
  return problems;
}

export function describeFormat(tag: number): string {
  const name = FORMAT_NAMES[tag];
  return name === undefined ? `${tag} (unknown)` : `${tag} (${name})`;
}

function durationOf(format: WavFormat, dataBytes: number): number | undefined {
  const bytesPerSecond = (format.sampleRate * format.channels * format.bitsPerSample) / 8;
  if (!(bytesPerSecond > 0)) return undefined;
  return Math.round((dataBytes / bytesPerSecond) * 1000);
}
