import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors/index.js';
import type { Millis } from '../../src/plan/types.js';
import type { Store } from '../../src/store/index.js';

/**
 * Two views of one store. For the memory store both are the same instance; for Redis they are two
 * clients of one server, i.e. two engine instances (M4), and every rule below must hold across them.
 */
export interface StoreUnderTest {
  readonly a: Store;
  readonly b: Store;
  close(): Promise<void>;
}

export interface TimeControl {
  /** A lease or window length: short enough to elapse in a test, long enough to outlast a few round-trips. */
  readonly unit: Millis;
  /** Let at least `ms` pass as the store sees time (memory: move the clock; Redis: watch Redis TIME). */
  elapse(ms: Millis): Promise<void>;
}

export function describeStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
  controlTime: TimeControl,
): void {
  describe(`${name} (store contract)`, () => {
    let sut: StoreUnderTest;
    let a: Store;
    let b: Store;
    const long = () => controlTime.unit * 50;
    const elapse = (units: number) => controlTime.elapse(Math.ceil(controlTime.unit * units));

    beforeEach(async () => {
      sut = await makeStore();
      a = sut.a;
      b = sut.b;
    });
    afterEach(async () => {
      await sut.close();
    });

    describe('simultaneous slots', () => {
      it('grants exactly `limit` slots and refuses the next holder', async () => {
        const results = [];
        for (const holder of ['h1', 'h2', 'h3', 'h4'])
          results.push(await a.acquireSlot('k', holder, 3, long()));
        expect(results).toEqual([
          { acquired: true, inUse: 1 },
          { acquired: true, inUse: 2 },
          { acquired: true, inUse: 3 },
          { acquired: false, inUse: 3 },
        ]);
        expect(await b.slotsInUse('k')).toBe(3);
      });

      it('lets a holder that already has a slot acquire again without taking a second one', async () => {
        await a.acquireSlot('k', 'h1', 2, long());
        expect(await b.acquireSlot('k', 'h1', 2, long())).toEqual({ acquired: true, inUse: 1 });
      });

      it('refuses every holder when the limit is 0', async () => {
        expect(await a.acquireSlot('k', 'h1', 0, long())).toEqual({ acquired: false, inUse: 0 });
      });

      it('frees a slot on release so the next holder gets it', async () => {
        await a.acquireSlot('k', 'h1', 1, long());
        expect((await b.acquireSlot('k', 'h2', 1, long())).acquired).toBe(false);
        await a.releaseSlot('k', 'h1');
        expect(await b.acquireSlot('k', 'h2', 1, long())).toEqual({ acquired: true, inUse: 1 });
      });

      it('treats a double release and the release of an unknown holder as harmless', async () => {
        await a.acquireSlot('k', 'h1', 2, long());
        await a.acquireSlot('k', 'h2', 2, long());
        await a.releaseSlot('k', 'h1');
        await b.releaseSlot('k', 'h1');
        await b.releaseSlot('k', 'nobody');
        await b.releaseSlot('never-used', 'nobody');
        expect(await a.slotsInUse('k')).toBe(1);
      });

      it('frees the slot of a holder that stopped renewing once its lease expires', async () => {
        await a.acquireSlot('k', 'crashed', 1, controlTime.unit);
        expect((await b.acquireSlot('k', 'h2', 1, long())).acquired).toBe(false);
        await elapse(1);
        expect(await b.slotsInUse('k')).toBe(0);
        expect(await b.acquireSlot('k', 'h2', 1, long())).toEqual({ acquired: true, inUse: 1 });
        expect(await a.renewSlot('k', 'crashed', long())).toBe(false);
      });

      it('keeps a renewed slot past its first lease, then lets it expire', async () => {
        await a.acquireSlot('k', 'h1', 1, controlTime.unit);
        await elapse(0.6);
        expect(await a.renewSlot('k', 'h1', controlTime.unit)).toBe(true);
        await elapse(0.6);
        expect(await b.slotsInUse('k')).toBe(1);
        await elapse(1);
        expect(await b.slotsInUse('k')).toBe(0);
      });

      it('does not renew a released slot', async () => {
        await a.acquireSlot('k', 'h1', 1, long());
        await a.releaseSlot('k', 'h1');
        expect(await b.renewSlot('k', 'h1', long())).toBe(false);
        expect(await b.slotsInUse('k')).toBe(0);
      });

      it('never grants more than the limit to 50 concurrent acquires from two instances', async () => {
        const attempts = Array.from({ length: 50 }, (_, i) =>
          (i % 2 === 0 ? a : b).acquireSlot('busy', `h${i}`, 4, long()),
        );
        const results = await Promise.all(attempts);
        expect(results.filter((r) => r.acquired)).toHaveLength(4);
        expect(Math.max(...results.map((r) => r.inUse))).toBe(4);
        expect(await a.slotsInUse('busy')).toBe(4);
      });

      it('keeps slot keys independent', async () => {
        await a.acquireSlot('k1', 'h1', 1, long());
        expect((await b.acquireSlot('k2', 'h2', 1, long())).acquired).toBe(true);
      });
    });

    describe('attempts per interval', () => {
      it('allows `limit` attempts in the window, then refuses without counting the refusal', async () => {
        const results = [];
        for (let i = 0; i < 4; i++) results.push(await (i % 2 ? b : a).hitRate('r', 3, long()));
        expect(results).toEqual([
          { allowed: true, count: 1 },
          { allowed: true, count: 2 },
          { allowed: true, count: 3 },
          { allowed: false, count: 3 },
        ]);
      });

      it('slides the window: an attempt leaves it one interval after it was made', async () => {
        const window = controlTime.unit;
        expect((await a.hitRate('r', 2, window)).allowed).toBe(true);
        await elapse(0.5);
        expect(await b.hitRate('r', 2, window)).toEqual({ allowed: true, count: 2 });
        expect(await a.hitRate('r', 2, window)).toEqual({ allowed: false, count: 2 });
        await elapse(0.6);
        // The first attempt has left the window, the second is still in it.
        expect(await a.hitRate('r', 2, window)).toEqual({ allowed: true, count: 2 });
        expect((await b.hitRate('r', 2, window)).allowed).toBe(false);
      });

      it('allows exactly `limit` of 20 concurrent attempts', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).hitRate('rush', 5, long())),
        );
        expect(results.filter((r) => r.allowed)).toHaveLength(5);
      });
    });

    describe('queues', () => {
      it('gives members exact FIFO positions', async () => {
        const joins = [];
        for (const m of ['m1', 'm2', 'm3'])
          joins.push(await (m === 'm2' ? b : a).queueJoin('q', m, 10, long()));
        expect(joins.map((j) => j.position)).toEqual([1, 2, 3]);
        expect(joins.every((j) => j.joined)).toBe(true);
        expect(await b.queuePosition('q', 'm1')).toBe(1);
        expect(await b.queuePosition('q', 'm3')).toBe(3);
        expect(await a.queuePosition('q', 'stranger')).toBeUndefined();
        expect(await b.queueLength('q')).toBe(3);
      });

      it('keeps the first place of a member that joins twice', async () => {
        await a.queueJoin('q', 'm1', 10, long());
        await a.queueJoin('q', 'm2', 10, long());
        expect(await b.queueJoin('q', 'm1', 10, long())).toEqual({ joined: true, position: 1 });
        expect(await b.queueLength('q')).toBe(2);
      });

      it('moves everyone behind a leaving member up by one', async () => {
        for (const m of ['m1', 'm2', 'm3', 'm4']) await a.queueJoin('q', m, 10, long());
        await b.queueLeave('q', 'm2');
        await b.queueLeave('q', 'm2');
        expect(await a.queuePosition('q', 'm1')).toBe(1);
        expect(await a.queuePosition('q', 'm2')).toBeUndefined();
        expect(await a.queuePosition('q', 'm3')).toBe(2);
        expect(await a.queuePosition('q', 'm4')).toBe(3);
      });

      it('refuses a member when the queue holds maxLength, reporting that length', async () => {
        await a.queueJoin('q', 'm1', 2, long());
        await a.queueJoin('q', 'm2', 2, long());
        expect(await b.queueJoin('q', 'm3', 2, long())).toEqual({ joined: false, position: 2 });
        expect(await b.queuePosition('q', 'm3')).toBeUndefined();
        await a.queueLeave('q', 'm1');
        expect(await b.queueJoin('q', 'm3', 2, long())).toEqual({ joined: true, position: 2 });
      });

      it('prunes a member whose lease expired, and the others move up', async () => {
        await a.queueJoin('q', 'gone', 10, controlTime.unit);
        await b.queueJoin('q', 'm2', 10, long());
        await a.queueJoin('q', 'm3', 10, long());
        await elapse(1);
        expect(await b.queuePosition('q', 'm2')).toBe(1);
        expect(await b.queuePosition('q', 'm3')).toBe(2);
        expect(await a.queuePosition('q', 'gone')).toBeUndefined();
        expect(await a.queueLength('q')).toBe(2);
        expect(await a.queueRenew('q', 'gone', long())).toBe(false);
      });

      it('counts only live members against maxLength', async () => {
        await a.queueJoin('q', 'gone', 1, controlTime.unit);
        expect((await b.queueJoin('q', 'm2', 1, long())).joined).toBe(false);
        await elapse(1);
        expect(await b.queueJoin('q', 'm2', 1, long())).toEqual({ joined: true, position: 1 });
      });

      it('keeps a renewed member in place past its first lease', async () => {
        await a.queueJoin('q', 'm1', 10, controlTime.unit);
        await a.queueJoin('q', 'm2', 10, long());
        await elapse(0.6);
        expect(await b.queueRenew('q', 'm1', controlTime.unit)).toBe(true);
        await elapse(0.6);
        expect(await a.queuePosition('q', 'm1')).toBe(1);
      });

      it('admits exactly maxLength of 30 concurrent joins, at distinct positions', async () => {
        const joins = await Promise.all(
          Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).queueJoin('rush', `m${i}`, 10, long())),
        );
        const positions = joins.filter((j) => j.joined).map((j) => j.position);
        expect(positions.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await a.queueLength('rush')).toBe(10);
      });
    });

    describe('claiming a slot from the queue', () => {
      it('lets only the head claim, and only when a slot is free', async () => {
        await a.queueJoin('q', 'm1', 10, long());
        await b.queueJoin('q', 'm2', 10, long());
        await a.acquireSlot('s', 'other', 1, long());
        expect(await b.queueClaimSlot('q', 'm2', 's', 1, long())).toBe(false);
        expect(await a.queueClaimSlot('q', 'm1', 's', 1, long())).toBe(false);
        expect(await a.queuePosition('q', 'm1')).toBe(1);
        await b.releaseSlot('s', 'other');
        expect(await b.queueClaimSlot('q', 'm2', 's', 1, long())).toBe(false);
        expect(await a.queueClaimSlot('q', 'm1', 's', 1, long())).toBe(true);
        expect(await b.queuePosition('q', 'm1')).toBeUndefined();
        expect(await b.queuePosition('q', 'm2')).toBe(1);
        expect(await b.slotsInUse('s')).toBe(1);
        expect(await a.renewSlot('s', 'm1', long())).toBe(true);
        expect(await b.queueClaimSlot('q', 'm2', 's', 1, long())).toBe(false);
      });

      it('passes the head to the next member when the head expires', async () => {
        await a.queueJoin('q', 'gone', 10, controlTime.unit);
        await b.queueJoin('q', 'm2', 10, long());
        expect(await b.queueClaimSlot('q', 'm2', 's', 1, long())).toBe(false);
        await elapse(1);
        expect(await b.queueClaimSlot('q', 'm2', 's', 1, long())).toBe(true);
      });

      it('gives a freed slot to exactly one of many concurrent claimants', async () => {
        for (let i = 0; i < 10; i++) await a.queueJoin('q', `m${i}`, 10, long());
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).queueClaimSlot('q', `m${i}`, 's', 1, long())),
        );
        expect(claims).toEqual([true, ...Array<boolean>(9).fill(false)]);
        expect(await a.queueLength('q')).toBe(9);
      });

      it('hands out slots in FIFO order and never past the limit under concurrent claims', async () => {
        const waiting = Array.from({ length: 10 }, (_, i) => `m${i}`);
        for (const m of waiting) await a.queueJoin('q', m, 10, long());
        const winners: string[] = [];
        for (let round = 0; round < 10; round++) {
          const claims = await Promise.all(
            waiting.map((m, i) => (i % 2 ? a : b).queueClaimSlot('q', m, 's', 3, long())),
          );
          const won = waiting.filter((_, i) => claims[i]);
          if (won.length === 0) break;
          winners.push(...won);
          waiting.splice(0, won.length);
        }
        expect(winners).toEqual(['m0', 'm1', 'm2']);
        expect(await a.slotsInUse('s')).toBe(3);
        expect(await b.queueLength('q')).toBe(7);
        expect(await b.queuePosition('q', 'm3')).toBe(1);
      });
    });

    it('snapshots the live slot and queue counts by key', async () => {
      await a.acquireSlot('dest:+3222022251', 'h1', 4, long());
      await b.acquireSlot('dest:+3222022251', 'h2', 4, long());
      await a.acquireSlot('short', 'h1', 4, controlTime.unit);
      await a.queueJoin('queue:limited', 'm1', 10, long());
      await a.hitRate('rate-only', 3, long());
      await elapse(1);
      expect(await b.snapshot()).toEqual({
        slots: { 'dest:+3222022251': 2 },
        queues: { 'queue:limited': 1 },
      });
    });

    it('rejects a negative limit or a zero lease with STORE_INVALID_ARGUMENT', async () => {
      const bad = [
        a.acquireSlot('k', 'h', -1, long()),
        a.acquireSlot('k', 'h', 1, 0),
        a.hitRate('k', 1.5, long()),
        a.queueJoin('q', randomUUID(), 10, -5),
      ];
      for (const attempt of bad) {
        const err = await attempt.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isAppError(err, 'STORE_INVALID_ARGUMENT')).toBe(true);
      }
    });
  });
}
