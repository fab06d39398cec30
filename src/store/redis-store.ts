import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppError } from '../errors/app-error.js';
import type { Millis } from '../plan/types.js';
import { type StoreKeys, storeKeys } from './keys.js';
import {
  ACQUIRE_SLOT,
  HIT_RATE,
  QUEUE_CLAIM_SLOT,
  QUEUE_JOIN,
  QUEUE_LEAVE,
  QUEUE_LENGTH,
  QUEUE_POSITION,
  QUEUE_RENEW,
  RELEASE_SLOT,
  RENEW_SLOT,
  SLOTS_IN_USE,
  STORE_SCRIPTS,
  type StoreScript,
} from './redis-scripts.js';
import type { QueueJoinResult, RateResult, SlotResult, Store } from './store.js';
import { requireCount, requireDuration } from './store-arguments.js';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` */
  readonly url: string;
  /** Prepended to every key, so several deployments (or test runs) can share one server. */
  readonly keyPrefix?: string;
  readonly connectTimeoutMs?: number;
}

type ScriptCommand = (...args: (string | number)[]) => Promise<unknown>;

/**
 * The shared store for several instances (M4): one atomic Lua script per operation (EVALSHA via
 * ioredis' defineCommand), Redis TIME for leases and windows. When Redis is unreachable every
 * operation rejects with STORE_UNAVAILABLE at once (no offline queue, no silent in-memory fallback):
 * the caller decides what a call does without its counters.
 */
export class RedisStore implements Store {
  readonly #client: Redis;
  readonly #keys: StoreKeys;
  readonly #url: string;
  #connecting: Promise<void> | undefined;
  #lastError: Error | undefined;
  #closed = false;

  /** Connects now and fails with STORE_UNAVAILABLE if Redis does not answer: use at start-up. */
  static async connect(options: RedisStoreOptions): Promise<RedisStore> {
    const store = new RedisStore(options);
    await store.#ready();
    return store;
  }

  /** Connects lazily, on the first operation. */
  constructor(options: RedisStoreOptions) {
    this.#url = options.url;
    this.#keys = storeKeys(options.keyPrefix ?? 'vms:');
    this.#client = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: options.connectTimeoutMs ?? 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Errors reach callers through the failed operation; this keeps ioredis from printing them too.
    this.#client.on('error', (err: Error) => {
      this.#lastError = err;
    });
    for (const s of STORE_SCRIPTS) this.#client.defineCommand(s.name, s);
  }

  async acquireSlot(key: string, holder: string, limit: number, leaseMs: Millis): Promise<SlotResult> {
    requireCount('limit', limit);
    requireDuration('leaseMs', leaseMs);
    const [acquired, inUse] = pair(
      await this.#run(ACQUIRE_SLOT, [this.#keys.slot(key)], [holder, limit, leaseMs]),
    );
    return { acquired: acquired === 1, inUse };
  }

  async renewSlot(key: string, holder: string, leaseMs: Millis): Promise<boolean> {
    requireDuration('leaseMs', leaseMs);
    return integer(await this.#run(RENEW_SLOT, [this.#keys.slot(key)], [holder, leaseMs])) === 1;
  }

  async releaseSlot(key: string, holder: string): Promise<void> {
    await this.#run(RELEASE_SLOT, [this.#keys.slot(key)], [holder]);
  }

  async slotsInUse(key: string): Promise<number> {
    return integer(await this.#run(SLOTS_IN_USE, [this.#keys.slot(key)], []));
  }

  async hitRate(key: string, limit: number, windowMs: Millis): Promise<RateResult> {
    requireCount('limit', limit);
    requireDuration('windowMs', windowMs);
    const args = [limit, windowMs, randomUUID()];
    const [allowed, count] = pair(await this.#run(HIT_RATE, [this.#keys.rate(key)], args));
    return { allowed: allowed === 1, count };
  }

  async queueJoin(
    queue: string,
    member: string,
    maxLength: number,
    leaseMs: Millis,
  ): Promise<QueueJoinResult> {
    requireCount('maxLength', maxLength);
    requireDuration('leaseMs', leaseMs);
    const keys = [this.#keys.queue(queue), this.#keys.queueLeases(queue), this.#keys.queueSequence(queue)];
    const [joined, position] = pair(await this.#run(QUEUE_JOIN, keys, [member, maxLength, leaseMs]));
    return { joined: joined === 1, position };
  }

  async queuePosition(queue: string, member: string): Promise<number | undefined> {
    const position = integer(await this.#run(QUEUE_POSITION, this.#queueKeys(queue), [member]));
    return position > 0 ? position : undefined;
  }

  async queueRenew(queue: string, member: string, leaseMs: Millis): Promise<boolean> {
    requireDuration('leaseMs', leaseMs);
    const keys = [...this.#queueKeys(queue), this.#keys.queueSequence(queue)];
    return integer(await this.#run(QUEUE_RENEW, keys, [member, leaseMs])) === 1;
  }

  async queueLeave(queue: string, member: string): Promise<void> {
    await this.#run(QUEUE_LEAVE, this.#queueKeys(queue), [member]);
  }

  async queueLength(queue: string): Promise<number> {
    return integer(await this.#run(QUEUE_LENGTH, this.#queueKeys(queue), []));
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
    const keys = [...this.#queueKeys(queue), this.#keys.slot(slotKey)];
    return integer(await this.#run(QUEUE_CLAIM_SLOT, keys, [member, limit, leaseMs])) === 1;
  }

  async snapshot(): Promise<{ slots: Record<string, number>; queues: Record<string, number> }> {
    const slots: Record<string, number> = {};
    const queues: Record<string, number> = {};
    for (const redisKey of await this.#scanKeys()) {
      const { slotPrefix, queuePrefix } = this.#keys;
      if (redisKey.startsWith(slotPrefix)) {
        const key = redisKey.slice(slotPrefix.length);
        const inUse = await this.slotsInUse(key);
        if (inUse > 0) slots[key] = inUse;
      } else if (redisKey.startsWith(queuePrefix)) {
        const queue = redisKey.slice(queuePrefix.length);
        const length = await this.queueLength(queue);
        if (length > 0) queues[queue] = length;
      }
    }
    return { slots, queues };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#client.status === 'ready') await this.#client.quit().catch(() => this.#client.disconnect());
    else this.#client.disconnect();
  }

  #queueKeys(queue: string): string[] {
    return [this.#keys.queue(queue), this.#keys.queueLeases(queue)];
  }

  /** SCAN, not KEYS: it does not block the server that every instance shares. */
  async #scanKeys(): Promise<Set<string>> {
    await this.#ready();
    const found = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.#client
        .scan(cursor, 'MATCH', this.#keys.pattern, 'COUNT', 500)
        .catch((err: unknown) => Promise.reject(this.#unavailable('SCAN', err)));
      for (const key of keys) found.add(key);
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  async #run(s: StoreScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    await this.#ready();
    const command = (this.#client as unknown as Record<string, ScriptCommand>)[s.name];
    if (!command) throw new AppError('STORE_BAD_REPLY', `script ${s.name} is not defined`);
    try {
      return await command.apply(this.#client, [...keys, ...args]);
    } catch (err) {
      throw this.#unavailable(s.name, err);
    }
  }

  /** The first operation connects; later ones fail fast while ioredis reconnects in the background. */
  async #ready(): Promise<void> {
    if (this.#closed) throw this.#unavailable('connect', new Error('the store is closed'));
    const status = this.#client.status;
    if (status !== 'wait' && status !== 'end') return this.#connecting;
    this.#connecting ??= this.#client.connect().catch((err: unknown) => {
      this.#connecting = undefined;
      this.#client.disconnect();
      throw this.#unavailable('connect', err);
    });
    return this.#connecting;
  }

  #unavailable(operation: string, err: unknown): AppError {
    const reason = err instanceof Error ? err.message : String(this.#lastError?.message ?? err);
    return new AppError(
      'STORE_UNAVAILABLE',
      `Redis at ${redactUrl(this.#url)}: ${operation} failed: ${reason}`,
      {
        cause: err,
        details: { operation, url: redactUrl(this.#url) },
      },
    );
  }
}

function integer(reply: unknown): number {
  if (typeof reply !== 'number' || !Number.isInteger(reply))
    throw new AppError('STORE_BAD_REPLY', `expected an integer reply, got ${JSON.stringify(reply)}`);
  return reply;
}

function pair(reply: unknown): [number, number] {
  if (!Array.isArray(reply) || reply.length !== 2)
    throw new AppError('STORE_BAD_REPLY', `expected a two-integer reply, got ${JSON.stringify(reply)}`);
  return [integer(reply[0]), integer(reply[1])];
}

/** The URL may carry a password: never put it in a message or a log line. */
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
