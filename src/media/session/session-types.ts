import type { RtpEndpoint } from '../sdp/negotiated-media.js';

export interface PlayOptions {
  /** A digit stops the playback (barge-in) and is returned; a digit typed ahead returns at once. */
  readonly interruptOnDigit?: boolean;
}

export interface PlayOutcome {
  /** `stopped`: `stop()`, `close()`, a newer play or collection, or a relay took over. */
  readonly ended: 'completed' | 'digit' | 'stopped';
  readonly digit?: string;
}

export interface CollectOptions {
  /** Announcement files played first, with barge-in. */
  readonly files?: readonly string[];
  readonly maxDigits: number;
  /** Time allowed for the first digit, counted from the end of the files. */
  readonly timeoutMs: number;
  readonly interDigitTimeoutMs: number;
  /** Ends the collection, not included in the digits, e.g. `#`. */
  readonly terminator?: string;
}

export interface CollectOutcome {
  /** `digits` (maxDigits, terminator, or inter-digit timeout), `timeout` (no digit at all), `stopped`. */
  readonly ended: 'digits' | 'timeout' | 'stopped';
  readonly digits: string;
  /** True when the terminator ended the collection. */
  readonly terminated?: boolean;
}

/** Counters of one leg, for tests and metrics. */
export interface MediaSessionStats {
  readonly sent: number;
  readonly received: number;
  readonly relayed: number;
}

/** The counters of the native relay while it holds a leg's socket (see MediaSession.handOver). */
export interface ExternalRelayLeg {
  /** RTP packets received on the leg's socket. */
  received(): number;
  /** Packets sent out of the leg's socket to its peer. */
  relayed(): number;
  /** Milliseconds since the last packet received (or since the relay began). */
  idleMs(): number;
}

/** What the native relay is handed with a leg's socket. */
export interface RelayHandOver {
  readonly fd: number;
  /** Where the peer is: latched, or the SDP's address; undefined when neither is known. */
  readonly remote: RtpEndpoint | undefined;
  readonly latched: boolean;
  /** The socket is connected to `remote` (sends need no address). */
  readonly connected: boolean;
}

/** Receives the raw RTP datagrams of a leg while it is relayed (see relay/). */
export interface PacketSink {
  forward(packet: Buffer): void;
}

/** What a leg hears between prompts (MediaSession.setBackground). */
export type Background = 'silence' | 'ringback' | { readonly loop: readonly string[] };
