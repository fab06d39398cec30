import type { TickListener } from './tick-scheduler.js';

/**
 * The listeners of a scheduler spread over `count` slots of one period. A listener gets the least-loaded
 * slot when it arrives (the lowest one on a tie) and keeps it until it leaves, so its packets stay exactly
 * one period apart while the sends of all streams are spread over the period instead of one burst.
 */
export class TickSlots {
  private readonly slots: Set<TickListener>[] = [];
  private readonly slotOf = new Map<TickListener, number>();

  constructor(readonly count: number) {
    for (let i = 0; i < count; i++) this.slots.push(new Set());
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** The slot of `listener`, placing it in the least-loaded one if it has none yet. */
  add(listener: TickListener): number {
    const known = this.slotOf.get(listener);
    if (known !== undefined) return known;
    let best = 0;
    for (let i = 1; i < this.count; i++) if (this.load(i) < this.load(best)) best = i;
    this.slots[best]?.add(listener);
    this.slotOf.set(listener, best);
    return best;
  }

  /** False when `listener` was not there. */
  delete(listener: TickListener): boolean {
    const slot = this.slotOf.get(listener);
    if (slot === undefined) return false;
    this.slotOf.delete(listener);
    this.slots[slot]?.delete(listener);
    return true;
  }

  load(slot: number): number {
    return this.slots[slot]?.size ?? 0;
  }

  /** A copy: a listener added while the slot runs is first called on the slot's next turn. */
  listeners(slot: number): TickListener[] {
    const set = this.slots[slot];
    return set === undefined ? [] : [...set];
  }
}
