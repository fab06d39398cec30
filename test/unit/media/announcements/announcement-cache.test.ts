import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnouncementCache, alawToMulaw, promptPath, writeAlawWav } from '../../../../src/media/index.js';
import { alawTone } from '../support/media-fixture.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vms-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('AnnouncementCache', () => {
  it('cuts a file into 20 ms frames, the last padded to 160 bytes', async () => {
    const samples = alawTone(110);
    writeFileSync(join(dir, 'a.wav'), writeAlawWav(samples));
    const decoded = await new AnnouncementCache().load(join(dir, 'a.wav'));
    expect(decoded.alaw.length).toBe(Math.ceil(samples.length / 160));
    expect(decoded.alaw.every((f) => f.length === 160)).toBe(true);
    expect(decoded.alaw[0]).toEqual(samples.subarray(0, 160));
  });

  it('reads a file once: later loads get the same decoded frames even if the file is gone', async () => {
    const path = join(dir, 'once.wav');
    writeFileSync(path, writeAlawWav(alawTone(100)));
    const cache = new AnnouncementCache();
    const first = await cache.load(path);
    unlinkSync(path);
    expect(await cache.load(path)).toBe(first);
  });

  it('gives µ-law frames that are the A-law ones converted', async () => {
    const path = join(dir, 'mu.wav');
    writeFileSync(path, writeAlawWav(alawTone(60)));
    const decoded = await new AnnouncementCache().load(path);
    expect(decoded.frames('PCMU').map((f) => Buffer.from(f))).toEqual(decoded.alaw.map(alawToMulaw));
  });

  it('fails with MEDIA_FILE_UNREADABLE for a missing file and does not keep the failure', async () => {
    const cache = new AnnouncementCache();
    const path = join(dir, 'later.wav');
    await expect(cache.load(path)).rejects.toMatchObject({ code: 'MEDIA_FILE_UNREADABLE' });
    writeFileSync(path, writeAlawWav(alawTone(40)));
    await expect(cache.load(path)).resolves.toMatchObject({ path });
  });

  it('fails with MEDIA_ANNOUNCEMENT_INVALID for a file that is not A-law WAV', async () => {
    const path = join(dir, 'bad.wav');
    writeFileSync(path, 'not a wav at all');
    await expect(new AnnouncementCache().load(path)).rejects.toMatchObject({
      code: 'MEDIA_ANNOUNCEMENT_INVALID',
    });
  });
});

describe('promptPath', () => {
  it('puts a prompt in its language folder, as vms validate expects', () => {
    expect(promptPath('announcements', 'nl', 'closed')).toBe('announcements/nl/closed.wav');
  });
});
