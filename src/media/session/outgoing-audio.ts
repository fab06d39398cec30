import type { TickScheduler, TickTimer } from '../rtp/tick-scheduler.js';
import type { NegotiatedMedia } from '../sdp/negotiated-media.js';
import { type FrameSource, SILENCE } from './frame-source.js';
import type { PeerLink } from './peer-link.js';
import { Playlist } from './playlist.js';
import { PACKET_BYTES, RtpStream } from './rtp-stream.js';

export interface OutgoingAudioOptions {
  readonly scheduler: TickScheduler;
  readonly timer: TickTimer;
  readonly link: PeerLink;
  /** What offer/answer settled; undefined until it did (nothing is sent then). */
  readonly media: () => NegotiatedMedia | undefined;
  /** Counts each packet handed to the socket. */
  readonly onSent: () => void;
}

/**
 * Our audio towards one leg while the engine owns its media: from the first prompt (or background) until
 * a relay takes over or the session closes, every 20 ms tick of the shared scheduler sends one packet, a
 * prompt frame or else a background frame (silence, ringback, music). The leg hears one continuous stream:
 * no burst, no gap, consecutive sequence numbers and timestamps across prompts (see RtpStream for the
 * marker). Nothing is sent before offer/answer settled, nor while our direction is recvonly or inactive;
 * those ticks are skipped in the timestamps.
 */
export class OutgoingAudio {
  readonly stream = new RtpStream();
  private readonly playlist = new Playlist();
  private background: FrameSource = SILENCE;
  private readonly tick = (): void => this.onTick();
  private untick: (() => void) | undefined;
  private onPromptEnd: (() => void) | undefined;

  constructor(private readonly options: OutgoingAudioOptions) {}

  /** True while ticking (owning the leg's media). */
  get running(): boolean {
    return this.untick !== undefined;
  }

  /** Starts (or goes on with) the continuous stream. Idempotent. */
  start(): void {
    if (this.untick !== undefined) return;
    this.stream.resume(this.options.timer.now());
    this.untick = this.options.scheduler.subscribe(this.tick);
  }

  /** Stops sending (relay, close); the current prompt is dropped without `onEnd`. */
  stop(): void {
    this.endPrompt();
    if (this.untick === undefined) return;
    this.untick();
    this.untick = undefined;
    this.stream.pause(this.options.timer.now());
  }

  /** Plays these frames from the next tick on; `onEnd` runs on the tick after the last frame. */
  playPrompt(files: readonly (readonly Buffer[])[], onEnd: () => void): void {
    this.playlist.load(files);
    this.onPromptEnd = onEnd;
    this.start();
  }

  /** Drops what is left of the prompt; the background goes on. */
  endPrompt(): void {
    this.playlist.clear();
    this.onPromptEnd = undefined;
  }

  /** What plays when no prompt does, from the next tick on. */
  setBackground(source: FrameSource): void {
    this.background = source;
  }

  private onTick(): void {
    let frame = this.playlist.next();
    if (frame === undefined && this.onPromptEnd !== undefined) {
      const end = this.onPromptEnd;
      this.onPromptEnd = undefined;
      end();
    }
    const media = this.options.media();
    if (media === undefined || media.direction === 'recvonly' || media.direction === 'inactive') {
      this.stream.skip();
      return;
    }
    frame ??= this.background.next(media.codec);
    if (this.options.link.remote === undefined) this.stream.skip();
    else if (this.options.link.send(this.stream.next(frame), PACKET_BYTES)) this.options.onSent();
  }
}
