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

/** Receives the raw RTP datagrams of a leg while it is relayed (see relay/). */
export interface PacketSink {
  forward(packet: Buffer): void;
}

/** What a leg hears between prompts (MediaSession.setBackground). */
export type Background = 'silence' | 'ringback' | { readonly loop: readonly string[] };
