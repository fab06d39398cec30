/**
 * The Lua scripts of the Redis store: each store operation is exactly one script, so it is atomic on
 * the server, and each takes "now" from Redis TIME so instances with skewed clocks agree on expiry.
 * Every script that reads slots or a queue first prunes expired leases, so counts and positions are
 * exact. Keys get a PEXPIREAT just past their last lease, so a dead instance leaves nothing behind.
 */

const COMMON = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function prune_slots(key, now)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
end
local function expire_after_last(key, leases)
  local last = redis.call('ZRANGE', leases, -1, -1, 'WITHSCORES')
  if last[2] then redis.call('PEXPIREAT', key, tonumber(last[2]) + 1000) end
end
local function prune_queue(queue, leases, now)
  local gone = redis.call('ZRANGEBYSCORE', leases, '-inf', now)
  for _, member in ipairs(gone) do redis.call('ZREM', queue, member) end
  redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
end
`;

export interface StoreScript {
  readonly name: string;
  readonly numberOfKeys: number;
  readonly lua: string;
}

function script(name: string, numberOfKeys: number, body: string): StoreScript {
  return { name, numberOfKeys, lua: COMMON + body };
}

/** KEYS: slot. ARGV: holder, limit, leaseMs. Returns {acquired 0|1, inUse}. A holder may re-acquire. */
export const ACQUIRE_SLOT = script(
  'vmsAcquireSlot',
  1,
  `
local now = now_ms()
prune_slots(KEYS[1], now)
local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
local acquired = 0
if held or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  expire_after_last(KEYS[1], KEYS[1])
  acquired = 1
end
return {acquired, redis.call('ZCARD', KEYS[1])}
`,
);

/** KEYS: slot. ARGV: holder, leaseMs. Returns 1 if renewed, 0 if the holder has no live slot. */
export const RENEW_SLOT = script(
  'vmsRenewSlot',
  1,
  `
local now = now_ms()
prune_slots(KEYS[1], now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
expire_after_last(KEYS[1], KEYS[1])
return 1
`,
);

/** KEYS: slot. ARGV: holder. */
export const RELEASE_SLOT = script('vmsReleaseSlot', 1, `redis.call('ZREM', KEYS[1], ARGV[1]) return 0`);

/** KEYS: slot. Returns the live holders. */
export const SLOTS_IN_USE = script(
  'vmsSlotsInUse',
  1,
  `
prune_slots(KEYS[1], now_ms())
return redis.call('ZCARD', KEYS[1])
`,
);

/** KEYS: rate. ARGV: limit, windowMs, nonce. Returns {allowed 0|1, count}. Refused attempts are not counted. */
export const HIT_RATE = script(
  'vmsHitRate',
  1,
  `
local now = now_ms()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
local count = redis.call('ZCARD', KEYS[1])
if count >= tonumber(ARGV[1]) then return {0, count} end
redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + 1000)
return {1, count + 1}
`,
);

/** KEYS: queue, leases, sequence. ARGV: member, maxLength, leaseMs. Returns {joined 0|1, position|length}. */
export const QUEUE_JOIN = script(
  'vmsQueueJoin',
  3,
  `
local now = now_ms()
prune_queue(KEYS[1], KEYS[2], now)
local joined = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not joined then
  local length = redis.call('ZCARD', KEYS[1])
  if length >= tonumber(ARGV[2]) then return {0, length} end
  redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[3]), ARGV[1])
end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[1])
for _, key in ipairs(KEYS) do expire_after_last(key, KEYS[2]) end
return {1, redis.call('ZRANK', KEYS[1], ARGV[1]) + 1}
`,
);

/** KEYS: queue, leases. ARGV: member. Returns the 1-based position, 0 when not queued. */
export const QUEUE_POSITION = script(
  'vmsQueuePosition',
  2,
  `
prune_queue(KEYS[1], KEYS[2], now_ms())
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if not rank then return 0 end
return rank + 1
`,
);

/** KEYS: queue, leases, sequence. ARGV: member, leaseMs. Returns 1 if renewed, 0 if no longer queued. */
export const QUEUE_RENEW = script(
  'vmsQueueRenew',
  3,
  `
local now = now_ms()
prune_queue(KEYS[1], KEYS[2], now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
for _, key in ipairs(KEYS) do expire_after_last(key, KEYS[2]) end
return 1
`,
);

/** KEYS: queue, leases. ARGV: member. */
export const QUEUE_LEAVE = script(
  'vmsQueueLeave',
  2,
  `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 0
`,
);

/** KEYS: queue, leases. Returns the live length. */
export const QUEUE_LENGTH = script(
  'vmsQueueLength',
  2,
  `
prune_queue(KEYS[1], KEYS[2], now_ms())
return redis.call('ZCARD', KEYS[1])
`,
);

/**
 * KEYS: queue, leases, slot. ARGV: member, limit, leaseMs. Returns 1 when the member was the live head
 * and took a free slot (and left the queue), else 0 and nothing changes.
 */
export const QUEUE_CLAIM_SLOT = script(
  'vmsQueueClaimSlot',
  3,
  `
local now = now_ms()
prune_queue(KEYS[1], KEYS[2], now)
prune_slots(KEYS[3], now)
local head = redis.call('ZRANGE', KEYS[1], 0, 0)
if head[1] ~= ARGV[1] then return 0 end
local holds = redis.call('ZSCORE', KEYS[3], ARGV[1])
if not holds and redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), ARGV[1])
expire_after_last(KEYS[3], KEYS[3])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`,
);

export const STORE_SCRIPTS: readonly StoreScript[] = [
  ACQUIRE_SLOT,
  RENEW_SLOT,
  RELEASE_SLOT,
  SLOTS_IN_USE,
  HIT_RATE,
  QUEUE_JOIN,
  QUEUE_POSITION,
  QUEUE_RENEW,
  QUEUE_LEAVE,
  QUEUE_LENGTH,
  QUEUE_CLAIM_SLOT,
];
