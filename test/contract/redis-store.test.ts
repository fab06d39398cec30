import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors/index.js';
import { createStore, RedisStore } from '../../src/store/index.js';
import { freePort } from '../support/free-port.js';
import { type RedisServerHandle, startRedisServer } from '../support/redis-server.js';
import { describeStoreContract } from './store.contract.js';

let server: RedisServerHandle;
let clockClient: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  clockClient = new Redis(server.url);
});
afterAll(async () => {
  await clockClient?.quit();
  await server?.stop();
});

/** Redis' own clock, the one the scripts use. */
async function redisNow(): Promise<number> {
  const [seconds, micros] = await clockClient.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/** Waits until Redis TIME has moved `ms` forward: a polled condition with a deadline, not a sleep. */
async function elapseOnRedis(ms: number): Promise<void> {
  const target = (await redisNow()) + ms;
  const deadline = Date.now() + ms + 5000;
  while ((await redisNow()) < target) {
    if (Date.now() > deadline) throw new Error(`Redis TIME did not advance ${ms} ms in time`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeStoreContract(
  'RedisStore (two clients of one redis-server)',
  async () => {
    // A fresh prefix per test: tests stay independent and snapshot() sees only this test's keys.
    const keyPrefix = `vms-test-${randomUUID()}:`;
    const a = await RedisStore.connect({ url: server.url, keyPrefix });
    const b = await RedisStore.connect({ url: server.url, keyPrefix });
    return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
  },
  { unit: 400, elapse: elapseOnRedis },
);

describe('RedisStore (Redis specifics)', () => {
  it('keeps every key under its prefix and gives it a TTL just past its last lease', async () => {
    const keyPrefix = `vms-ttl-${randomUUID()}:`;
    const store = await RedisStore.connect({ url: server.url, keyPrefix });
    try {
      await store.acquireSlot('k', 'h1', 2, 5000);
      await store.hitRate('k', 2, 5000);
      await store.queueJoin('q', 'm1', 2, 5000);
      const keys = (await clockClient.keys(`${keyPrefix}*`)).sort();
      expect(keys).toEqual(
        ['queue-lease:q', 'queue-seq:q', 'queue:q', 'rate:k', 'slot:k'].map((k) => keyPrefix + k),
      );
      for (const key of keys) {
        const ttl = await clockClient.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(6000);
      }
    } finally {
      await store.close();
    }
  });

  it('is built by createStore from the redis configuration', async () => {
    const store = await createStore({ kind: 'redis', url: server.url }, { now: () => 0 });
    try {
      expect(store).toBeInstanceOf(RedisStore);
      expect(await store.slotsInUse(`create-store-${randomUUID()}`)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('fails to connect with STORE_UNAVAILABLE when nothing listens, without the password', async () => {
    const port = await freePort();
    const err = await RedisStore.connect({ url: `redis://:secret@127.0.0.1:${port}` }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'STORE_UNAVAILABLE')).toBe(true);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).not.toContain('secret');
  });

  it('rejects operations with STORE_UNAVAILABLE once the server is gone, and after close', async () => {
    const own = await startRedisServer();
    const store = await RedisStore.connect({ url: own.url });
    expect((await store.acquireSlot('k', 'h1', 1, 5000)).acquired).toBe(true);
    await own.stop();
    const err = await store.acquireSlot('k', 'h2', 1, 5000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'STORE_UNAVAILABLE')).toBe(true);
    await store.close();
    const closed = await store.slotsInUse('k').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(closed, 'STORE_UNAVAILABLE')).toBe(true);
  });
});
