import type { Millis } from '../plan/types.js';
import type { QueueJoinResult, RateResult, SlotResult, Store } from './store.js';
import { requireCount, requireDuration } from './store-arguments.js';

interface QueueEntry {
  readonly member: string;
  expiry: number;
}

/**
 * The embedded store: one instance, everything in maps. Leases expire lazily, on the next access, by
 * the injected clock: no timers, so tests move time by hand. A lease is live while `now < expiry`,
 * an attempt counts while `now - windowMs < at` — the same rules as the Redis scripts.
 */
export class MemoryStore implements Store {
  readonly #clock: { now(): number };
  /** slot key -> holder -> lease expiry. */
  readonly #slots = new Map<string, Map<string, number>>();
  /** rate key -> attempt times, oldest first. */
  readonly #rates = new Map<string, number[]>();
  /** queue -> members in join order. */
  readonly #queues = new Map<string, QueueEntry[]>();

  constructor(options: { clock?: { now(): number } } = {}) {
    this.#clock = options.clock ?? { now: () => Date.now() };
  }

  async acquireSlot(key: string, holder: string, limit: number, leaseMs: Millis): Promise<SlotResult> {
    requireCount('limit', limit);
    requireDuration('leaseMs', leaseMs);
    const holders = this.#liveSlots(key);
    const acquired = holders.has(holder) || holders.size < limit;
    if (acquired) holders.set(holder, this.#clock.now() + leaseMs);
    this.#forgetEmptySlots(key);
    return { acquired, inUse: holders.size };
  }

  async renewSlot(key: string, holder: string, leaseMs: Millis): Promise<boolean> {
    requireDuration('leaseMs', leaseMs);
    const holders = this.#liveSlots(key);
    const held = holders.has(holder);
    if (held) holders.set(holder, this.#clock.now() + leaseMs);
    this.#forgetEmptySlots(key);
    return held;
  }

  async releaseSlot(key: string, holder: string): Promise<void> {
    this.#slots.get(key)?.delete(holder);
    this.#forgetEmptySlots(key);
  }

  async slotsInUse(key: string): Promise<number> {
    const inUse = this.#liveSlots(key).size;
    this.#forgetEmptySlots(key);
    return inUse;
  }

  async hitRate(key: string, limit: number, windowMs: Millis): Promise<RateResult> {
    requireCount('limit', limit);
    requireDuration('windowMs', windowMs);
    const now = this.#clock.now();
    const attempts = (this.#rates.get(key) ?? []).filter((at) => at > now - windowMs);
    const allowed = attempts.length < limit;
    if (allowed) attempts.push(now);
    if (attempts.length > 0) this.#rates.set(key, attempts);
    else this.#rates.delete(key);
    return { allowed, count: attempts.length };
  }

  async queueJoin(
    queue: string,
    member: string,
    maxLength: number,
    leaseMs: Millis,
  ): Promise<QueueJoinResult> {
    requireCount('maxLength', maxLength);
    requireDuration('leaseMs', leaseMs);
    const entries = this.#liveQueue(queue);
    const index = entries.findIndex((e) => e.member === member);
    const expiry = this.#clock.now() + leaseMs;
    // Joining twice keeps the first place (a retried join must not send the caller to the back).
    if (index >= 0) {
      (entries[index] as QueueEntry).expiry = expiry;
      return { joined: true, position: index + 1 };
    }
    if (entries.length >= maxLength) return { joined: false, position: entries.length };
    entries.push({ member, expiry });
    this.#queues.set(queue, entries);
    return { joined: true, position: entries.length };
  }

  async queuePosition(queue: string, member: string): Promise<number | undefined> {
    const index = this.#liveQueue(queue).findIndex((e) => e.member === member);
    return index >= 0 ? index + 1 : undefined;
  }

  async queueRenew(queue: string, member: string, leaseMs: Millis): Promise<boolean> {
    requireDuration('leaseMs', leaseMs);
    const entry = this.#liveQueue(queue).find((e) => e.member === member);
    if (entry) entry.expiry = this.#clock.now() + leaseMs;
    return entry !== undefined;
  }

  async queueLeave(queue: string, member: string): Promise<void> {
    const entries = this.#queues.get(queue)?.filter((e) => e.member !== member) ?? [];
    this.#setQueue(queue, entries);
  }

  async queueLength(queue: string): Promise<number> {
    return this.#liveQueue(queue).length;
  }

  async queueClaimSlot(
    queue: string,
    member: string,
    slotKey: string,
    limit: number,
    leaseMs: Millis,
  ): Promise<boolean> {
    requireCount('limit', limit);
    requireDuration('leaseMs', leaseMs);
    if (this.#liveQueue(queue)[0]?.member !== member) return false;
    const slot = await this.acquireSlot(slotKey, member, limit, leaseMs);
    if (slot.acquired) await this.queueLeave(queue, member);
    return slot.acquired;
  }

  async snapshot(): Promise<{ slots: Record<string, number>; queues: Record<string, number> }> {
    const slots: Record<string, number> = {};
    const queues: Record<string, number> = {};
    for (const key of [...this.#slots.keys()]) {
      const inUse = await this.slotsInUse(key);
      if (inUse > 0) slots[key] = inUse;
    }
    for (const queue of [...this.#queues.keys()]) {
      const length = await this.queueLength(queue);
      if (length > 0) queues[queue] = length;
    }
    return { slots, queues };
  }

  async close(): Promise<void> {}

  /** The key's holders with expired leases dropped (a crashed caller's slot frees itself). */
  #liveSlots(key: string): Map<string, number> {
    const now = this.#clock.now();
    const holders = this.#slots.get(key) ?? new Map<string, number>();
    for (const [holder, expiry] of holders) if (expiry <= now) holders.delete(holder);
    this.#slots.set(key, holders);
    return holders;
  }

  #forgetEmptySlots(key: string): void {
    if (this.#slots.get(key)?.size === 0) this.#slots.delete(key);
  }

  /** The queue with expired members pruned, so every position after them is exact. */
  #liveQueue(queue: string): QueueEntry[] {
    const now = this.#clock.now();
    const entries = (this.#queues.get(queue) ?? []).filter((e) => e.expiry > now);
    this.#setQueue(queue, entries);
    return entries;
  }

  #setQueue(queue: string, entries: QueueEntry[]): void {
    if (entries.length > 0) this.#queues.set(queue, entries);
    else this.#queues.delete(queue);
  }
}
