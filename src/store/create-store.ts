import type { Config } from '../config/config.js';
import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';
import type { Store } from './store.js';

/**
 * The store chosen by VMS_STORE. Redis is connected before this resolves, so a wrong VMS_REDIS_URL
 * stops the start-up with STORE_UNAVAILABLE instead of failing the first limited call.
 */
export async function createStore(config: Config['store'], clock: { now(): number }): Promise<Store> {
  if (config.kind === 'redis') return RedisStore.connect({ url: config.url });
  return new MemoryStore({ clock });
}
