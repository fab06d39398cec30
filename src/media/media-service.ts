import { AnnouncementCache } from './announcements/announcement-cache.js';
import { PacketBatch } from './native/packet-batch.js';
import { loadVmsRtp, nativeRelaysActive } from './native/vms-rtp-addon.js';
import { bindRtpPair } from './ports/bind-rtp-pair.js';
import { PortPool, type PortRange } from './ports/port-pool.js';
import { TickScheduler, type TickTimer } from './rtp/tick-scheduler.js';
import { MediaSession } from './session/media-session.js';

export interface MediaServiceOptions {
  /** VMS_RTP_PORTS */
  readonly rtpPorts: PortRange;
  /** VMS_RTP_ADDRESS: where RTP sockets bind, and the address our SDP announces. */
  readonly rtpAddress: string;
  /** VMS_RTP_TIMEOUT_MS; 0 disables. */
  readonly rtpTimeoutMs: number;
  /** Shared by all sessions; one is made if not given. */
  readonly scheduler?: TickScheduler;
  readonly announcements?: AnnouncementCache;
  /** For tests: drives the scheduler (when made here) and the session timeouts. */
  readonly timer?: TickTimer;
  readonly dtmfEndTimeoutMs?: number;
  /** VMS_RTP_IO: how RTP packets move; `native` (the default) fails here if the addon cannot load. */
  readonly rtpIo?: 'native' | 'node';
}

const SYSTEM_TIMER: TickTimer = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The media side of one engine process: one port pool, one 20 ms scheduler and one announcement cache,
 * shared by every call. `config.media` fits `MediaServiceOptions` as is.
 */
export class MediaService {
  readonly pool: PortPool;
  readonly scheduler: TickScheduler;
  readonly announcements: AnnouncementCache;
  private readonly timer: TickTimer;
  /** How RTP packets move (VMS_RTP_IO). */
  readonly rtpIo: 'native' | 'node';
  private readonly batch: PacketBatch | undefined;
  private readonly sessions = new Set<MediaSession>();

  constructor(private readonly options: MediaServiceOptions) {
    this.pool = new PortPool(options.rtpPorts);
    this.timer = options.timer ?? SYSTEM_TIMER;
    this.rtpIo = options.rtpIo ?? 'native';
    const batch = this.rtpIo === 'native' ? new PacketBatch(loadVmsRtp()) : undefined;
    this.batch = batch;
    this.scheduler =
      options.scheduler ??
      new TickScheduler({ timer: this.timer, afterSlot: batch && (() => void batch.flush()) });
    this.announcements = options.announcements ?? new AnnouncementCache();
  }

  /** A new leg endpoint on the next free port pair; throws MEDIA_PORTS_EXHAUSTED or MEDIA_BIND_FAILED. */
  async openSession(): Promise<MediaSession> {
    const sockets = await bindRtpPair(this.pool, this.options.rtpAddress);
    const session = new MediaSession({
      sockets,
      scheduler: this.scheduler,
      announcements: this.announcements,
      timer: this.timer,
      inactivityTimeoutMs: this.options.rtpTimeoutMs,
      dtmfEndTimeoutMs: this.options.dtmfEndTimeoutMs,
      rtpIo: this.rtpIo,
      batch: this.batch,
    });
    this.sessions.add(session);
    session.onClose(() => this.sessions.delete(session));
    return session;
  }

  /** VMS_RTP_TIMEOUT_MS: a leg that sends no RTP for this long is released (0: never). */
  get rtpTimeoutMs(): number {
    return this.options.rtpTimeoutMs;
  }

  /** Legs open right now. */
  get activeSessions(): number {
    return this.sessions.size;
  }

  /** For the admin API's `/stats`: legs open, VMS_RTP_IO, bridged calls on the native relay thread. */
  stats(): { legs: number; rtpIo: 'native' | 'node'; nativeRelays: number } {
    return { legs: this.sessions.size, rtpIo: this.rtpIo, nativeRelays: nativeRelaysActive() };
  }

  /** Closes every session (shutdown). */
  close(): void {
    for (const session of [...this.sessions]) session.close();
  }
}
