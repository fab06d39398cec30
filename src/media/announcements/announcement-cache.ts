import { readFile } from 'node:fs/promises';
import { AppError, isAppError } from '../../errors/app-error.js';
import { alawToMulaw } from '../g711/g711-tables.js';
import { alawFrames, FRAME_MS } from '../rtp/alaw-frames.js';
import { readAnnouncementSamples } from '../wav/read-announcement-samples.js';

/** One announcement decoded into 20 ms frames; the µ-law frames are made on first use and kept. */
export class DecodedAnnouncement {
  private mulaw: readonly Buffer[] | undefined;

  constructor(
    readonly path: string,
    readonly alaw: readonly Buffer[],
  ) {}

  get durationMs(): number {
    return this.alaw.length * FRAME_MS;
  }

  frames(codec: 'PCMA' | 'PCMU'): readonly Buffer[] {
    if (codec === 'PCMA') return this.alaw;
    this.mulaw ??= this.alaw.map(alawToMulaw);
    return this.mulaw;
  }
}

/**
 * Announcement files read and decoded once per process, shared by every call. Concurrent loads of one
 * file share one read; a failed load is not kept, so a file fixed on disk is picked up on the next call.
 */
export class AnnouncementCache {
  private readonly entries = new Map<string, Promise<DecodedAnnouncement>>();

  /** Throws MEDIA_FILE_UNREADABLE or MEDIA_ANNOUNCEMENT_INVALID. */
  load(path: string): Promise<DecodedAnnouncement> {
    let entry = this.entries.get(path);
    if (entry === undefined) {
      entry = decode(path);
      this.entries.set(path, entry);
      entry.catch(() => this.entries.delete(path));
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets one file (after it was replaced on disk) or all of them. */
  invalidate(path?: string): void {
    if (path === undefined) this.entries.clear();
    else this.entries.delete(path);
  }
}

async function decode(path: string): Promise<DecodedAnnouncement> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (cause) {
    throw new AppError('MEDIA_FILE_UNREADABLE', `cannot read announcement ${path}`, {
      cause,
      details: { path },
    });
  }
  try {
    return new DecodedAnnouncement(path, alawFrames(readAnnouncementSamples(data)));
  } catch (err) {
    if (isAppError(err))
      throw new AppError(err.code, `${path}: ${err.message}`, { cause: err, details: { path } });
    throw err;
  }
}
