import type { RemoteInfo } from 'node:dgram';
import { AppError } from '../../errors/app-error.js';
import type { SdpSession } from '../../sip/sdp/index.js';
import type { AnnouncementCache } from '../announcements/announcement-cache.js';
import type { PacketBatch } from '../native/packet-batch.js';
import type { RtpSocketPair } from '../ports/bind-rtp-pair.js';
import { pauseReceiving, resumeReceiving, socketFd } from '../ports/dgram-handle.js';
import { DtmfDetector } from '../rtp/dtmf-detector.js';
import { decodeRtp, RTP_HEADER_BYTES, RTP_VERSION } from '../rtp/rtp-packet.js';
import type { TickScheduler, TickTimer } from '../rtp/tick-scheduler.js';
import { answerOffer } from '../sdp/answer-offer.js';
import type { NegotiatedMedia, RtpEndpoint } from '../sdp/negotiated-media.js';
import { buildOffer, readAnswer } from '../sdp/offer-answer.js';
import { collectDigits } from './collect-digits.js';
import { DigitInbox, type DigitListener } from './digit-inbox.js';
import { type FrameSource, loopOf, SILENCE } from './frame-source.js';
import { InactivityWatch } from './inactivity-watch.js';
import { OutgoingAudio } from './outgoing-audio.js';
import { PeerLink } from './peer-link.js';
import { RingbackTone } from './ringback-tone.js';
import type {
  Background,
  CollectOptions,
  CollectOutcome,
  ExternalRelayLeg,
  MediaSessionStats,
  PacketSink,
  PlayOptions,
  PlayOutcome,
  RelayHandOver,
} from './session-types.js';

export interface MediaSessionOptions {
  readonly sockets: RtpSocketPair;
  /** The one scheduler shared by every session of the process. */
  readonly scheduler: TickScheduler;
  readonly announcements: AnnouncementCache;
  /** Clock for the inactivity and digit timeouts; the scheduler's own by default in tests. */
  readonly timer: TickTimer;
  /** No RTP received for this long emits `inactive`; 0 disables. */
  readonly inactivityTimeoutMs: number;
  /** A started digit whose end packets were all lost is reported after this long without events. */
  readonly dtmfEndTimeoutMs?: number;
  /** How this leg's RTP moves (VMS_RTP_IO): the vms_rtp addon or dgram only; `node` by default. */
  readonly rtpIo?: 'native' | 'node';
  /** Given with `native`: where our packets to a latched peer are queued (one per process). */
  readonly batch?: PacketBatch;
}

/**
 * One RTP endpoint of one call leg: plays announcements, hears digits, and can be relayed to another leg.
 * Symmetric RTP (RFC 4961): we send from the port we receive on, and to the source of the first packet
 * received (before that, to the address of the SDP). From the first play (or background) until a relay
 * or close, the leg receives a packet every 20 ms: prompts, and silence (or ringback, music) in between.
 */
export class MediaSession {
  private readonly counters = { sent: 0, received: 0, relayed: 0 };
  private negotiated: NegotiatedMedia | undefined;
  private closed = false;
  private lastReceivedAt: number;
  private readonly link: PeerLink;
  private readonly audio: OutgoingAudio;
  private readonly inbox = new DigitInbox();
  private readonly detector = new DtmfDetector();
  private readonly inactivity: InactivityWatch;
  private cancelCurrent: (() => void) | undefined;
  private finishPlay: ((outcome: PlayOutcome) => void) | undefined;
  private dtmfTimer: unknown;
  private sink: PacketSink | undefined;
  /** The native relay while it holds our socket (handOver .. takeBack). */
  private external: ExternalRelayLeg | undefined;
  private readonly inactiveListeners = new Set<() => void>();
  private readonly closeListeners = new Set<() => void>();

  constructor(private readonly options: MediaSessionOptions) {
    this.link = new PeerLink(options.sockets.rtp, options.batch);
    this.audio = new OutgoingAudio({
      scheduler: options.scheduler,
      timer: options.timer,
      link: this.link,
      media: () => this.negotiated,
      onSent: () => this.counters.sent++,
    });
    this.lastReceivedAt = options.timer.now();
    this.inactivity = new InactivityWatch(
      options.timer,
      options.inactivityTimeoutMs,
      () => this.lastActivity(),
      () => this.emitInactive(),
    );
    options.sockets.rtp.on('message', (packet: Buffer, from: RemoteInfo) => this.onPacket(packet, from));
  }

  /** Where our RTP socket listens (for the SDP). */
  get local(): RtpEndpoint {
    return { address: this.options.sockets.address, port: this.options.sockets.port };
  }

  get stats(): MediaSessionStats {
    const external = this.external;
    if (external === undefined) return this.counters;
    return {
      sent: this.counters.sent,
      received: this.counters.received + external.received(),
      relayed: this.counters.relayed + external.relayed(),
    };
  }

  /** Who relays this leg once bridged (see `relay()`): the native thread or dgram. */
  get relayPlane(): 'native' | 'node' {
    return this.options.rtpIo ?? 'node';
  }

  get media(): NegotiatedMedia | undefined {
    return this.negotiated;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Answers an SDP offer (RFC 3264 §6) and starts with what it settled; returns our answer. */
  answer(offer: SdpSession | Buffer | string, sessionVersion?: number): SdpSession {
    const { answer, negotiated } = answerOffer(offer, { ...this.local, sessionVersion });
    this.start(negotiated);
    return answer;
  }

  /** Our offer for a leg where we are the endpoint; `acceptAnswer` completes it. */
  offer(sessionVersion?: number): SdpSession {
    return buildOffer({ ...this.local, sessionVersion });
  }

  acceptAnswer(answer: SdpSession | Buffer | string): NegotiatedMedia {
    const negotiated = readAnswer(answer);
    this.start(negotiated);
    return negotiated;
  }

  /** Starts (or, after a re-INVITE, restarts) the leg with what offer/answer settled. */
  start(negotiated: NegotiatedMedia): void {
    if (this.closed) throw closedError();
    const remoteChanged =
      negotiated.remote?.address !== this.negotiated?.remote?.address ||
      negotiated.remote?.port !== this.negotiated?.remote?.port;
    this.negotiated = negotiated;
    this.audio.stream.payloadType = negotiated.payloadType;
    if (remoteChanged || !this.link.latched) this.link.reset(negotiated.remote);
    this.lastReceivedAt = this.options.timer.now();
    // A peer that never sends (we are sendonly, or on hold) is not "inactive".
    if (negotiated.direction === 'sendrecv' || negotiated.direction === 'recvonly') this.inactivity.start();
    else this.inactivity.stop();
  }

  /** Plays announcement files in order as 20 ms packets. Rejects when a file cannot be loaded. */
  play(files: readonly string[], options: PlayOptions = {}): Promise<PlayOutcome> {
    this.endCurrent();
    if (this.closed || this.isRelayed) return Promise.resolve({ ended: 'stopped' });
    const typed = options.interruptOnDigit ? this.inbox.take() : undefined;
    if (typed !== undefined) return Promise.resolve({ ended: 'digit', digit: typed });
    return new Promise((resolve, reject) => {
      const finish = (outcome: PlayOutcome): void => {
        if (this.finishPlay !== finish) return;
        this.finishPlay = undefined;
        this.cancelCurrent = undefined;
        this.inbox.consumer = undefined;
        this.audio.endPrompt();
        resolve(outcome);
      };
      this.finishPlay = finish;
      this.cancelCurrent = () => finish({ ended: 'stopped' });
      if (options.interruptOnDigit) this.inbox.consumer = (digit) => finish({ ended: 'digit', digit });
      this.loadFrames(files).then(
        (frames) => {
          if (this.finishPlay !== finish) return;
          this.audio.playPrompt(frames, () => finish({ ended: 'completed' }));
        },
        (err: unknown) => {
          if (this.finishPlay !== finish) return;
          this.finishPlay = undefined;
          this.cancelCurrent = undefined;
          this.inbox.consumer = undefined;
          reject(err);
        },
      );
    });
  }

  /** Plays `files` with barge-in, then collects digits (see CollectOptions). */
  collectDigits(options: CollectOptions): Promise<CollectOutcome> {
    return collectDigits(this, options);
  }

  /** The next digit (typed-ahead first), `timeout`, or `stopped`; used by collectDigits. */
  nextDigit(timeoutMs: number): Promise<string | 'timeout' | 'stopped'> {
    this.endCurrent();
    if (this.closed) return Promise.resolve('stopped');
    const typed = this.inbox.take();
    if (typed !== undefined) return Promise.resolve(typed);
    return new Promise((resolve) => {
      const done = (result: string): void => {
        this.options.timer.clearTimeout(handle);
        this.inbox.consumer = undefined;
        this.cancelCurrent = undefined;
        resolve(result);
      };
      const handle = this.options.timer.setTimeout(() => done('timeout'), timeoutMs);
      this.inbox.consumer = done;
      this.cancelCurrent = () => done('stopped');
    });
  }

  /** A digit from elsewhere (SIP INFO, see parseDtmfInfo), handled like an RFC 4733 one. */
  injectDigit(digit: string): void {
    if (!this.closed) this.inbox.push(digit);
  }

  onDigit(listener: DigitListener): () => void {
    return this.inbox.listen(listener);
  }

  /** Called once when no RTP came for the inactivity timeout: the call should be released. */
  onInactive(listener: () => void): () => void {
    this.inactiveListeners.add(listener);
    return () => this.inactiveListeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    if (this.closed) listener();
    else this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Forgets digits typed ahead. */
  clearDigits(): void {
    this.inbox.clear();
  }

  /** Ends the current play or collection with `stopped`. */
  stop(): void {
    this.endCurrent();
  }

  /**
   * What the leg hears between prompts from now on: `silence` (the default), `ringback` (425 Hz, 1 s on,
   * 4 s off) or `loop` (files played over and over: queue music). Starts the continuous stream if this
   * session was not sending yet. Rejects like play() when a file cannot be loaded (silence stays).
   */
  async setBackground(background: Background): Promise<void> {
    let source: FrameSource = SILENCE;
    if (background === 'ringback') source = new RingbackTone();
    else if (background !== 'silence')
      source = loopOf(await Promise.all(background.loop.map((f) => this.options.announcements.load(f))));
    if (this.closed) return;
    this.audio.setBackground(source);
    if (!this.isRelayed) this.audio.start();
  }

  /**
   * Hands every received packet to `sink` (relay): our own stream stops. With undefined, packets come back
   * to this session; it sends again from its next play or background.
   */
  setSink(sink: PacketSink | undefined): void {
    if (sink !== undefined) {
      this.endCurrent();
      this.audio.stop();
    }
    this.sink = sink;
  }

  /**
   * The native relay takes the socket: our own stream stops and the event loop stops reading it; the
   * relay thread reads and sends through a dup of its fd until `takeBack`. `external` gives its counters.
   * Throws MEDIA_SESSION_CLOSED when closed or not started, MEDIA_NATIVE_UNAVAILABLE (see dgram-handle).
   */
  handOver(external: ExternalRelayLeg): RelayHandOver {
    if (this.closed || this.negotiated === undefined) throw closedError();
    const fd = socketFd(this.options.sockets.rtp);
    this.endCurrent();
    this.audio.stop();
    pauseReceiving(this.options.sockets.rtp);
    this.external = external;
    return {
      fd,
      remote: this.link.remote,
      latched: this.link.latched,
      connected: this.link.connected,
    };
  }

  /**
   * The native relay let go of the socket: its counters join ours, the peer it latched becomes ours (the
   * socket connects to it, as after our own latch), and the event loop reads the socket again.
   */
  takeBack(latched: RtpEndpoint | null): void {
    const external = this.external;
    if (external === undefined) return;
    this.counters.received += external.received();
    this.counters.relayed += external.relayed();
    this.lastReceivedAt = this.lastActivity();
    this.external = undefined;
    if (this.closed) return;
    if (latched !== null && !this.link.latched) this.link.latch(latched.address, latched.port);
    resumeReceiving(this.options.sockets.rtp);
  }

  /** Sends a datagram as is to the peer (relay); dropped while the peer's address is unknown. */
  sendRaw(packet: Buffer): void {
    if (!this.closed && this.link.send(packet, packet.length)) this.counters.relayed++;
  }

  /** Stops everything, frees the ports; pending play and collect end with `stopped`. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.endCurrent();
    this.closed = true;
    this.audio.stop();
    this.inactivity.stop();
    this.clearDtmfTimer();
    this.link.close();
    this.options.sockets.release();
    for (const listener of [...this.closeListeners]) listener();
    this.closeListeners.clear();
    this.inactiveListeners.clear();
  }

  private get isRelayed(): boolean {
    return this.sink !== undefined || this.external !== undefined;
  }

  /** When RTP last came in, also while the native relay reads the socket. */
  private lastActivity(): number {
    if (this.external === undefined) return this.lastReceivedAt;
    return Math.max(this.lastReceivedAt, this.options.timer.now() - this.external.idleMs());
  }

  private endCurrent(): void {
    this.cancelCurrent?.();
  }

  private loadFrames(files: readonly string[]): Promise<(readonly Buffer[])[]> {
    const codec = this.negotiated?.codec ?? 'PCMA';
    return Promise.all(files.map((f) => this.options.announcements.load(f))).then((loaded) =>
      loaded.map((a) => a.frames(codec)),
    );
  }

  private onPacket(packet: Buffer, from: RemoteInfo): void {
    if (packet.length < RTP_HEADER_BYTES || packet[0]! >> 6 !== RTP_VERSION) return;
    this.counters.received++;
    this.lastReceivedAt = this.options.timer.now();
    if (!this.link.latched) this.link.latch(from.address, from.port);
    if (this.sink !== undefined) this.sink.forward(packet);
    else if ((packet[1]! & 0x7f) === this.negotiated?.telephoneEvent) this.onTelephoneEvent(packet);
  }

  private onTelephoneEvent(packet: Buffer): void {
    let digits: string[];
    try {
      const rtp = decodeRtp(packet);
      digits = this.detector.push(rtp.timestamp, rtp.payload);
    } catch {
      return; // a malformed event is dropped like any bad packet
    }
    for (const digit of digits) this.inbox.push(digit);
    this.clearDtmfTimer();
    if (this.detector.pending) {
      this.dtmfTimer = this.options.timer.setTimeout(() => {
        this.dtmfTimer = undefined;
        const digit = this.detector.flush();
        if (digit !== undefined && !this.closed) this.inbox.push(digit);
      }, this.options.dtmfEndTimeoutMs ?? 300);
    }
  }

  private clearDtmfTimer(): void {
    if (this.dtmfTimer !== undefined) this.options.timer.clearTimeout(this.dtmfTimer);
    this.dtmfTimer = undefined;
  }

  private emitInactive(): void {
    if (this.closed) return;
    for (const listener of [...this.inactiveListeners]) listener();
  }
}

function closedError(): AppError {
  return new AppError('MEDIA_SESSION_CLOSED', 'the media session is closed');
}
