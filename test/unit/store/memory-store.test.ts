import { describe, expect, it } from 'vitest';
import { createStore, MemoryStore } from '../../../src/store/index.js';

function storeAt(start: number) {
  let now = start;
  const store = new MemoryStore({ clock: { now: () => now } });
  const setNow = (t: number) => {
    now = t;
  };
  return { store, setNow };
}

describe('MemoryStore time boundaries', () => {
  it('keeps a lease live until the millisecond before its expiry and frees it at expiry', async () => {
    const { store, setNow } = storeAt(1000);
    await store.acquireSlot('k', 'h1', 1, 500);
    setNow(1499);
    expect(await store.slotsInUse('k')).toBe(1);
    setNow(1500);
    expect(await store.slotsInUse('k')).toBe(0);
  });

  it('counts an attempt in the window until exactly one window later', async () => {
    const { store, setNow } = storeAt(0);
    expect((await store.hitRate('r', 1, 20_000)).allowed).toBe(true);
    setNow(19_999);
    expect(await store.hitRate('r', 1, 20_000)).toEqual({ allowed: false, count: 1 });
    setNow(20_000);
    expect(await store.hitRate('r', 1, 20_000)).toEqual({ allowed: true, count: 1 });
  });

  it('renews a lease from the renewal time, not from the first expiry', async () => {
    const { store, setNow } = storeAt(0);
    await store.queueJoin('q', 'm1', 10, 100);
    setNow(90);
    await store.queueRenew('q', 'm1', 100);
    setNow(189);
    expect(await store.queuePosition('q', 'm1')).toBe(1);
    setNow(190);
    expect(await store.queuePosition('q', 'm1')).toBeUndefined();
  });

  it('forgets empty keys so the snapshot stays small', async () => {
    const { store, setNow } = storeAt(0);
    await store.acquireSlot('k', 'h1', 1, 100);
    await store.queueJoin('q', 'm1', 1, 100);
    await store.releaseSlot('k', 'h1');
    setNow(100);
    expect(await store.snapshot()).toEqual({ slots: {}, queues: {} });
  });

  it('uses the real clock when none is injected', async () => {
    const store = new MemoryStore();
    expect(await store.acquireSlot('k', 'h1', 1, 60_000)).toEqual({ acquired: true, inUse: 1 });
  });

  it('is what createStore builds for the memory configuration, on the given clock', async () => {
    let now = 0;
    const store = await createStore({ kind: 'memory' }, { now: () => now });
    expect(store).toBeInstanceOf(MemoryStore);
    await store.acquireSlot('k', 'h1', 1, 10);
    now = 10;
    expect(await store.slotsInUse('k')).toBe(0);
  });
});
