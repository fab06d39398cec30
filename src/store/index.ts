export { createStore } from './create-store.js';
export { type StoreKeys, storeKeys } from './keys.js';
export { MemoryStore } from './memory-store.js';
export { RedisStore, type RedisStoreOptions } from './redis-store.js';
export type { QueueJoinResult, RateResult, SlotResult, Store } from './store.js';
export { STORE_ERROR_CODES } from './store-error-codes.js';
