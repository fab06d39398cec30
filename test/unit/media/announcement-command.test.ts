// Tests src/cli/commands/announcement.ts (kept beside the media tests it relies on).
import { link, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerAnnouncement } from '../../../src/cli/commands/announcement.js';
import { checkAnnouncementBuffer } from '../../../src/media/wav/index.js';
import { makeWav } from './wav/make-wav.js';

interface Run {
  exitCode: number | undefined;
  out: string[];
  err: string[];
  error?: unknown;
}

async function run(...args: string[]): Promise<Run> {
  const result: Run = { exitCode: undefined, out: [], err: [] };
  const program = new Command('vms')
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerAnnouncement(program, { out: (l) => result.out.push(l), err: (l) => result.err.push(l) });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    result.error = error;
  }
  result.exitCode = process.exitCode === undefined ? undefined : Number(process.exitCode);
  return result;
}

describe('vms announcement', () => {
  let dir = '';
  let good = '';
  let pcm = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vms-announcement-cli-'));
    good = join(dir, 'good.wav');
    pcm = join(dir, 'pcm.wav');
    await writeFile(good, makeWav({ ms: 1500 }));
    await writeFile(pcm, makeWav({ encoding: 'pcm16', sampleRate: 16000, channels: 2, ms: 1000 }));
  });
  afterEach(() => {
    process.exitCode = undefined;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('check leaves the exit code at 0 and prints format and duration for a good file', async () => {
    const result = await run('announcement', 'check', good);
    expect(result.exitCode).toBeUndefined();
    expect(result.out).toEqual([`${good}: ok (6 (A-law), 8000 Hz, 8-bit, mono, 1.50 s)`]);
    expect(result.err).toEqual([]);
  });

  it('check sets exit code 1 and prints every problem of every bad file', async () => {
    const missing = join(dir, 'missing.wav');
    const result = await run('announcement', 'check', good, pcm, missing);
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain(`  ${pcm}: sample rate 16000 Hz, expected 8000 Hz`);
    expect(result.err).toContain(`  ${pcm}: 2 channels, expected 1 (mono)`);
    expect(result.err.some((line) => line.startsWith(`  ${missing}: cannot read file`))).toBe(true);
  });

  it('check without a file is a usage error', async () => {
    const result = await run('announcement', 'check');
    expect(result.error).toBeInstanceOf(CommanderError);
  });

  it('convert writes an announcement that passes the check and prints its format', async () => {
    const out = join(dir, 'converted.wav');
    const result = await run('announcement', 'convert', pcm, out);
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBeUndefined();
    expect(checkAnnouncementBuffer(await readFile(out))).toMatchObject({ ok: true, durationMs: 1000 });
    expect(result.out).toEqual([`${out}: 6 (A-law), 8000 Hz, 8-bit, mono, 1.00 s`]);
  });

  it('convert refuses to overwrite its input, even through another name', async () => {
    const alias = join(dir, 'alias.wav');
    await link(pcm, alias);
    const before = await readFile(pcm);
    for (const out of [pcm, join(dir, '.', 'pcm.wav'), alias]) {
      const result = await run('announcement', 'convert', pcm, out);
      expect(result.error).toMatchObject({ code: 'MEDIA_CONVERT_SAME_FILE' });
    }
    expect((await readFile(pcm)).equals(before)).toBe(true);
  });

  it('convert reports an unreadable input and a non-WAV input with their codes', async () => {
    const missing = await run('announcement', 'convert', join(dir, 'nope.wav'), join(dir, 'x.wav'));
    expect(missing.error).toMatchObject({ code: 'MEDIA_FILE_UNREADABLE' });
    const text = join(dir, 'text.wav');
    await writeFile(text, 'hello');
    const notWav = await run('announcement', 'convert', text, join(dir, 'y.wav'));
    expect(notWav.error).toMatchObject({ code: 'MEDIA_WAV_UNSUPPORTED' });
  });

  it('convert reports an unwritable output', async () => {
    const result = await run('announcement', 'convert', pcm, join(dir, 'no-such-dir', 'out.wav'));
    expect(result.error).toMatchObject({ code: 'MEDIA_FILE_UNWRITABLE' });
  });
});
