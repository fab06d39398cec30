import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import alawmulaw from 'alawmulaw';
import {
  MediaService,
  type MediaSession,
  type NegotiatedMedia,
  writeAlawWav,
} from '../../../../src/media/index.js';
import { freePort } from '../../../support/free-port.js';
import { ManualTimer } from './manual-timer.js';

/** A-law samples of a tone: audible content, so every frame differs from silence. */
export function alawTone(ms: number, hz = 440): Buffer {
  const count = (8000 * ms) / 1000;
  const pcm = Int16Array.from({ length: count }, (_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000)),
  );
  return Buffer.from(alawmulaw.alaw.encode(pcm));
}

/**
 * A media service on loopback driven by a manual clock, with a temp folder for announcements.
 * The port range starts at a free port and is wide, so ports other processes hold are skipped.
 */
export class MediaFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'vms-media-'));
  private readonly sessions: MediaSession[] = [];

  private constructor(
    readonly service: MediaService,
    readonly timer: ManualTimer,
  ) {}

  static async create(
    options: { rtpTimeoutMs?: number; pairs?: number; rtpIo?: 'native' | 'node'; realTime?: boolean } = {},
  ): Promise<MediaFixture> {
    const base = (await freePort()) & ~1;
    const max = Math.min(65535, base + 2 * (options.pairs ?? 50) - 1);
    const timer = new ManualTimer();
    const service = new MediaService({
      rtpPorts: { min: Math.max(1024, base), max },
      rtpAddress: '127.0.0.1',
      rtpTimeoutMs: options.rtpTimeoutMs ?? 0,
      // realTime: the service's own clock (the native relay's idle times are real milliseconds).
      timer: options.realTime ? undefined : timer,
      rtpIo: options.rtpIo,
    });
    return new MediaFixture(service, timer);
  }

  /**
   * Writes an announcement of `ms` milliseconds (a tone), already loaded in the cache so a play starts
   * without file I/O in between ticks; returns its path and samples.
   */
  async announcement(name: string, ms: number, hz = 440): Promise<{ path: string; samples: Buffer }> {
    const samples = alawTone(ms, hz);
    const path = join(this.dir, `${name}.wav`);
    writeFileSync(path, writeAlawWav(samples));
    await this.service.announcements.load(path);
    return { path, samples };
  }

  /** An open session whose SDP points at `peerPort` on loopback. */
  async session(peerPort: number, media: Partial<NegotiatedMedia> = {}): Promise<MediaSession> {
    const session = await this.service.openSession();
    this.sessions.push(session);
    session.start({
      codec: 'PCMA',
      payloadType: 8,
      telephoneEvent: 101,
      remote: { address: '127.0.0.1', port: peerPort },
      direction: 'sendrecv',
      ...media,
    });
    return session;
  }

  /** Runs `ticks` 20 ms ticks of the shared scheduler. */
  ticks(count: number): void {
    for (let i = 0; i < count; i++) this.timer.advance(20);
  }

  close(): void {
    for (const session of this.sessions) session.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
