import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnnouncementBuffer, checkAnnouncementFile } from '../../../../src/media/wav/index.js';
import { makeWav } from './make-wav.js';

describe('checkAnnouncementBuffer', () => {
  it('accepts an A-law 8000 Hz 8-bit mono WAV and reports its duration', () => {
    const check = checkAnnouncementBuffer(makeWav({ ms: 750 }));
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.durationMs).toBe(750);
    expect(check.format).toEqual({ audioFormat: 6, sampleRate: 8000, bitsPerSample: 8, channels: 1 });
  });

  it('rejects 16-bit PCM naming the format and bit depth found', () => {
    const check = checkAnnouncementBuffer(makeWav({ encoding: 'pcm16' }));
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      'audio format 1 (PCM), expected 6 (A-law)',
      '16 bits per sample, expected 8',
    ]);
  });

  it('rejects a 16 kHz file naming the sample rate found', () => {
    const check = checkAnnouncementBuffer(makeWav({ sampleRate: 16000 }));
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(['sample rate 16000 Hz, expected 8000 Hz']);
  });

  it('rejects a stereo file naming the channel count found', () => {
    const check = checkAnnouncementBuffer(makeWav({ channels: 2 }));
    expect(check.problems).toEqual(['2 channels, expected 1 (mono)']);
  });

  it('rejects µ-law naming it', () => {
    const check = checkAnnouncementBuffer(makeWav({ encoding: 'mulaw' }));
    expect(check.problems).toEqual(['audio format 7 (µ-law), expected 6 (A-law)']);
  });

  it('reports a truncated data chunk as a problem instead of throwing', () => {
    const whole = makeWav({ ms: 500 });
    const check = checkAnnouncementBuffer(whole.subarray(0, whole.length - 1000));
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      expect.stringMatching(/^data chunk truncated: header says 4000 bytes, only 3\d{3} present$/),
    ]);
  });

  it('reports a file cut inside its header as a problem', () => {
    const check = checkAnnouncementBuffer(makeWav({}).subarray(0, 20));
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(/fmt chunk truncated/);
    expect(check.problems).toContain('no data chunk (audio samples) found');
  });

  it('reports a non-WAV file as a problem', () => {
    const check = checkAnnouncementBuffer(Buffer.from('ID3\u0004 this is an mp3, honestly'));
    expect(check).toEqual({ ok: false, problems: ['not a WAV file: starts with "ID3?", expected "RIFF"'] });
  });

  it('reports an empty buffer as too short', () => {
    expect(checkAnnouncementBuffer(Buffer.alloc(0)).problems).toEqual([
      'not a WAV file: only 0 bytes, too short for a header',
    ]);
  });

  it('reports an empty data chunk', () => {
    const check = checkAnnouncementBuffer(makeWav({ ms: 0 }));
    expect(check.problems).toEqual(['data chunk is empty: no audio']);
    expect(check.durationMs).toBe(0);
  });

  it('never throws on random bytes after a valid RIFF header', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const junk = Buffer.alloc(12 + (seed % 40));
      junk.write('RIFF', 0, 'latin1');
      junk.write('WAVE', 8, 'latin1');
      for (let i = 12; i < junk.length; i++) junk[i] = (seed * 7919 + i * 104729) % 256;
      expect(checkAnnouncementBuffer(junk).ok).toBe(false);
    }
  });
});

describe('checkAnnouncementFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vms-wav-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('checks a file on disk', async () => {
    const path = join(dir, 'good.wav');
    await writeFile(path, makeWav({ ms: 200 }));
    await expect(checkAnnouncementFile(path)).resolves.toMatchObject({ ok: true, durationMs: 200 });
  });

  it('reports a missing file as a problem', async () => {
    const check = await checkAnnouncementFile(join(dir, 'missing.wav'));
    expect(check.ok).toBe(false);
    expect(check.problems[0]).toMatch(/^cannot read file: ENOENT/);
  });
});
