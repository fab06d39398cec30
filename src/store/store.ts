/**
 * Shared counters for limits (P8) and queues (P9), behind one interface with two implementations:
 * in memory (the embedded default, one instance) and Redis (several instances, atomic Lua scripts).
 * Both pass the same contract tests (test/contract/store.contract.ts).
 *
 * Every holder/member carries a lease: an instance that dies stops renewing, and its calls' slots and
 * queue places expire by themselves (M4). The memory store takes its time from an injected clock (tests
 * control it); the Redis store uses Redis' own TIME inside its scripts, so instances whose clocks are
 * skewed still agree on what has expired.
 */
import type { Millis } from '../plan/types.js';

export interface SlotResult {
  readonly acquired: boolean;
  /** Holders counted after the operation (live leases only). */
  readonly inUse: number;
}

export interface RateResult {
  readonly allowed: boolean;
  /** Attempts counted in the window, including this one when allowed. */
  readonly count: number;
}

export interface QueueJoinResult {
  readonly joined: boolean;
  /** 1-based position when joined; the length that refused us otherwise. */
  readonly position: number;
}

export interface Store {
  /** P8a: take one of `limit` simultaneous slots of `key` for `holder`, with a lease of `leaseMs`. */
  acquireSlot(key: string, holder: string, limit: number, leaseMs: Millis): Promise<SlotResult>;
  /** Extend the holder's lease; false if the holder has no slot (it expired or was released). */
  renewSlot(key: string, holder: string, leaseMs: Millis): Promise<boolean>;
  /** Free the holder's slot; harmless if it has none. */
  releaseSlot(key: string, holder: string): Promise<void>;
  /** Live slots of `key`. */
  slotsInUse(key: string): Promise<number>;

  /** P8b: count one attempt in a sliding window; refused (and not counted) once `limit` are in the window. */
  hitRate(key: string, limit: number, windowMs: Millis): Promise<RateResult>;

  /** P9: join the queue's tail, unless it already holds `maxLength` live members. */
  queueJoin(queue: string, member: string, maxLength: number, leaseMs: Millis): Promise<QueueJoinResult>;
  /** 1-based position of a live member, or undefined if it is not (or no longer) in the queue. */
  queuePosition(queue: string, member: string): Promise<number | undefined>;
  /** Extend the member's lease; false if it is no longer queued. */
  queueRenew(queue: string, member: string, leaseMs: Millis): Promise<boolean>;
  queueLeave(queue: string, member: string): Promise<void>;
  queueLength(queue: string): Promise<number>;
  /**
   * Atomically: if `member` is at the head of `queue` and `slotKey` has a free slot (of `limit`), take the
   * slot for `member` (lease `leaseMs`) and remove it from the queue. FIFO: only the head can claim.
   */
  queueClaimSlot(
    queue: string,
    member: string,
    slotKey: string,
    limit: number,
    leaseMs: Millis,
  ): Promise<boolean>;

  /** A snapshot for the live view (S5): slot and queue keys with their live counts. */
  snapshot(): Promise<{ slots: Record<string, number>; queues: Record<string, number> }>;

  close(): Promise<void>;
}
