/**
 * The small interfaces through which the engine touches the world. A live call (SIP + RTP) and a dry run
 * (`vms simulate`) each implement them; the node executors only ever see these.
 */
import type { DestinationOutcome, Language, Millis } from '../plan/types.js';

/** One ringing attempt's request: the numbers to ring and how. */
export interface RingRequest {
  /** E.164 numbers, already resolved from templates and directory entries. */
  readonly numbers: readonly string[];
  readonly strategy: 'parallel' | 'sequential';
  readonly ringTimeout: Millis;
}

/** What happened to one ringing attempt (a whole parallel group, or one number of a sequential hunt). */
export interface RingResult {
  readonly outcome: DestinationOutcome;
  /** The number that answered, when answered. */
  readonly answeredBy?: string;
  /** The SIP final status and Q.850 cause that decided the outcome, when there was one. */
  readonly sipStatus?: number;
  readonly q850Cause?: number;
  /** Human-readable reason for the trace, e.g. `486 Busy Here`, `ring timeout 20000 ms`. */
  readonly reason: string;
}

/** How an answered (bridged) call ended. */
export type BridgeEnd = 'callerHangup' | 'calleeHangup';

/** Releases the caller when the plan ends without a connected call. */
export interface ReleaseRequest {
  /** SIP status for an unanswered caller (e.g. 486 after busy, 480 after no answer, 603 on reject). */
  readonly status: number;
  readonly reason: string;
}

/**
 * Call control for one call's A-leg (the caller). Every promise settles; when the caller hangs up,
 * pending operations resolve with `interrupted` / `hangup` results rather than rejecting.
 */
export interface CallControl {
  /**
   * Ring one number (or several in parallel). Resolves once the attempt has an outcome. For `answered`,
   * the legs are bridged and the promise resolves at answer time; use `waitForBridgeEnd` afterwards.
   * Sequential hunting is done by the destination executor, one `ring` per number.
   */
  ring(numbers: readonly string[], options: { parallel: boolean; ringTimeout: Millis }): Promise<RingResult>;
  /** Resolves when the bridged call ends, from either side. */
  waitForBridgeEnd(): Promise<BridgeEnd>;
  /** Answer the caller with our own media endpoint (before announcements, IVR, queue). Idempotent. */
  answerForMedia(): Promise<void>;
  /** End the call: BYE when answered, else the final response given. Idempotent. */
  release(request: ReleaseRequest): Promise<void>;
  /** True once the caller has hung up or cancelled. */
  readonly callerGone: boolean;
  /** Resolves when the caller hangs up or cancels (never rejects). */
  readonly callerGonePromise: Promise<void>;
}

export interface PlayResult {
  /** `hangup`: the caller left while playing. `digit`: a digit was pressed and barge-in was allowed. */
  readonly ended: 'completed' | 'hangup' | 'digit';
  readonly digit?: string;
}

export interface CollectRequest {
  /** Prompt names, played in order in the call's language, before and while waiting (barge-in). */
  readonly prompts: readonly string[];
  readonly language: Language;
  readonly maxDigits: number;
  /** Time allowed for the first digit after the prompt ends. */
  readonly timeout: Millis;
  readonly interDigitTimeout: Millis;
  /** Stop collecting on this digit (not included in the result), e.g. `#`. */
  readonly terminator?: string;
}

export interface CollectResult {
  /** `hangup` when the caller left; `timeout` when no digit came at all. */
  readonly ended: 'digits' | 'timeout' | 'hangup';
  readonly digits: string;
}

export interface PlayOptions {
  /** A digit ends the play (`ended: 'digit'`), e.g. the first language's menu prompt in `bi`. */
  readonly bargeIn?: boolean;
}

/** Media for one call: announcements and digits (M3). Requires `answerForMedia` first. */
export interface MediaControl {
  /** Play prompts (names resolved per language, in order). */
  play(prompts: readonly string[], language: Language, options?: PlayOptions): Promise<PlayResult>;
  collectDigits(request: CollectRequest): Promise<CollectResult>;
  /**
   * What the caller hears between prompts from now on: `prompt` over and over (queue music), or silence
   * with undefined. Optional: without it, the caller hears silence.
   */
  holdMusic?(prompt: string | undefined, language: Language): Promise<void>;
  /** True when this implementation can really play and listen (false until live media exists). */
  readonly available: boolean;
}

/** Time, injectable so a dry run and tests choose "now" and do not wait for real. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (with `false`) when `signal` aborts. */
  sleep(ms: Millis, signal?: AbortSignal): Promise<boolean>;
}

/** Sends templated e-mails (P12). */
export interface Mailer {
  send(message: { to: readonly string[]; subject: string; body: string }): Promise<{ id: string }>;
}

/** Runs a table query (P11) and returns the first row's columns, or undefined. */
export interface TableQuery {
  queryFirst(
    table: string,
    sql: string,
    params: Readonly<Record<string, string>>,
  ): Record<string, string | number | null> | undefined;
}
