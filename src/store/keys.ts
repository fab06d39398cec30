/**
 * Every Redis key of the store, built here and nowhere else. Each kind has its own segment so a user
 * key can never collide with another kind's key, and `snapshot()` can tell them apart by prefix.
 */
export interface StoreKeys {
  /** Sorted set: holder -> lease expiry (ms, Redis time). */
  slot(key: string): string;
  /** Sorted set: unique attempt id -> attempt time (ms, Redis time). */
  rate(key: string): string;
  /** Sorted set: member -> join sequence (FIFO order). */
  queue(queue: string): string;
  /** Sorted set: member -> lease expiry (ms, Redis time). */
  queueLeases(queue: string): string;
  /** Counter giving each join its sequence number. */
  queueSequence(queue: string): string;
  /** SCAN patterns and the prefixes to strip to get the user's key back. */
  readonly slotPrefix: string;
  readonly queuePrefix: string;
  readonly pattern: string;
}

export function storeKeys(prefix = 'vms:'): StoreKeys {
  const slotPrefix = `${prefix}slot:`;
  const queuePrefix = `${prefix}queue:`;
  return {
    slot: (key) => slotPrefix + key,
    rate: (key) => `${prefix}rate:${key}`,
    queue: (queue) => queuePrefix + queue,
    queueLeases: (queue) => `${prefix}queue-lease:${queue}`,
    queueSequence: (queue) => `${prefix}queue-seq:${queue}`,
    slotPrefix,
    queuePrefix,
    pattern: `${escapeGlob(prefix)}*`,
  };
}

/** SCAN MATCH is a glob: a prefix containing `*`, `?`, `[` or `\` must not widen the match. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
