/**
 * P9: a caller over the limit waits in the destination's queue (shared through the Store, so positions
 * are exact across instances). Announcements: welcome on joining, the position after it and after each
 * periodic prompt, "first in line" once at the head; the queue's music (or silence) loops in between.
 * Only the head may claim a freed slot (FIFO).
 */
import {
  type DestinationLimit,
  digitPrompt,
  QUEUE_POSITION_PROMPT,
  type QueueSettings,
} from '../../plan/types.js';
import type { CallContext } from '../call-context.js';
import { playPrompts } from '../media-prompts.js';
import { formatMillis } from './durations.js';
import { SLOT_LEASE_MS } from './limit.js';

export const QUEUE_LEASE_MS = 30_000;
export const QUEUE_RENEW_MS = 10_000;
/** How often a waiting call looks at its position and at free capacity. */
export const QUEUE_POLL_MS = 500;

export interface QueueExit {
  readonly how: 'claimed' | 'full' | 'timeout' | 'gone' | 'lost';
  readonly reason: string;
  readonly data: Readonly<Record<string, unknown>>;
}

interface Waiting {
  readonly limit: DestinationLimit;
  readonly queue: QueueSettings;
  readonly ctx: CallContext;
  readonly joinedAt: number;
  readonly joinedPosition: number;
  readonly announced: string[];
  lastPeriodic: number;
  lastRenew: number;
  firstAnnounced: boolean;
  position: number;
}

export async function waitInQueue(
  limit: DestinationLimit,
  queue: QueueSettings,
  ctx: CallContext,
): Promise<QueueExit> {
  const { store, clock } = ctx.ports;
  await ctx.ports.call.answerForMedia();
  const join = await store.queueJoin(limit.key, ctx.callId, queue.maxLength, QUEUE_LEASE_MS);
  if (!join.joined) {
    const reason = `queue full: ${join.position} waiting (maxLength ${queue.maxLength})`;
    return { how: 'full', reason, data: { length: join.position } };
  }
  const now = clock.now();
  const w: Waiting = {
    limit,
    queue,
    ctx,
    joinedAt: now,
    joinedPosition: join.position,
    announced: [],
    lastPeriodic: now,
    lastRenew: now,
    firstAnnounced: false,
    position: join.position,
  };
  let exit: QueueExit | undefined;
  // Music has no words: in `bi` either folder's file will do, and no random draw is spent on it.
  const language = ctx.language === 'bi' ? 'nl' : ctx.language;
  try {
    // The music starts once welcome and position were heard: started before them, a blip of it went out
    // while the first announcement was being prepared.
    const startMusic = async (): Promise<void> => {
      if (queue.music !== undefined) await ctx.ports.media.holdMusic?.(queue.music, language);
    };
    exit = await waitForTurn(w, startMusic);
    return exit;
  } finally {
    if (queue.music !== undefined) await ctx.ports.media.holdMusic?.(undefined, language);
    if (exit?.how !== 'claimed') await store.queueLeave(limit.key, ctx.callId);
  }
}

async function waitForTurn(w: Waiting, startMusic: () => Promise<void>): Promise<QueueExit> {
  const { clock, call } = w.ctx.ports;
  const callerLeft = new AbortController();
  void call.callerGonePromise.then(() => callerLeft.abort());
  if (w.queue.welcome !== undefined && !(await announce(w, [w.queue.welcome]))) return exit(w, 'gone');
  if (w.queue.announcePosition && !(await announce(w, positionPrompts(w.position)))) return exit(w, 'gone');
  await startMusic();
  for (;;) {
    if (call.callerGone) return exit(w, 'gone');
    const waited = clock.now() - w.joinedAt;
    if (waited >= w.queue.maxWait) return exit(w, 'timeout');
    const position = await w.ctx.ports.store.queuePosition(w.limit.key, w.ctx.callId);
    if (position === undefined) return exit(w, 'lost');
    w.position = position;
    if (position === 1 && !(await atHead(w))) return exit(w, 'gone');
    if (position === 1 && (await tryClaim(w))) return exit(w, 'claimed');
    if (!(await periodic(w))) return exit(w, 'gone');
    await renew(w);
    await clock.sleep(Math.min(QUEUE_POLL_MS, w.queue.maxWait - waited), callerLeft.signal);
  }
}

/** Plays prompts; false when the caller left meanwhile. */
async function announce(w: Waiting, prompts: readonly string[]): Promise<boolean> {
  w.announced.push(prompts.join('+'));
  const played = await playPrompts(w.ctx, prompts);
  return played.ended !== 'hangup' && !w.ctx.ports.call.callerGone;
}

/** `queue-position` then the position digit by digit (`digit-1`, `digit-2`). */
export function positionPrompts(position: number): string[] {
  return [QUEUE_POSITION_PROMPT, ...String(position).split('').map(digitPrompt)];
}

async function atHead(w: Waiting): Promise<boolean> {
  if (w.firstAnnounced) return true;
  w.firstAnnounced = true;
  return w.queue.firstInLine === undefined || announce(w, [w.queue.firstInLine]);
}

async function periodic(w: Waiting): Promise<boolean> {
  const every = w.queue.periodic;
  const now = w.ctx.ports.clock.now();
  if (every === undefined || now - w.lastPeriodic < every.every) return true;
  w.lastPeriodic = now;
  if (!(await announce(w, [every.prompt]))) return false;
  return !w.queue.announcePosition || announce(w, positionPrompts(w.position));
}

async function renew(w: Waiting): Promise<void> {
  const now = w.ctx.ports.clock.now();
  if (now - w.lastRenew < QUEUE_RENEW_MS) return;
  w.lastRenew = now;
  await w.ctx.ports.store.queueRenew(w.limit.key, w.ctx.callId, QUEUE_LEASE_MS);
}

/**
 * The head checks capacity before counting an attempt against the interval; if another instance takes the
 * last slot in between, that attempt stays counted (a rare, conservative error: never over the limit).
 */
async function tryClaim(w: Waiting): Promise<boolean> {
  const { store } = w.ctx.ports;
  const { key, simultaneous, perInterval } = w.limit;
  if (simultaneous !== undefined && (await store.slotsInUse(key)) >= simultaneous) return false;
  if (
    perInterval !== undefined &&
    !(await store.hitRate(key, perInterval.calls, perInterval.interval)).allowed
  )
    return false;
  if (simultaneous === undefined) {
    await store.queueLeave(key, w.ctx.callId);
    return true;
  }
  return store.queueClaimSlot(key, w.ctx.callId, key, simultaneous, SLOT_LEASE_MS);
}

function exit(w: Waiting, how: QueueExit['how']): QueueExit {
  const { joinedPosition } = w;
  const waited = w.ctx.ports.clock.now() - w.joinedAt;
  const data = { joinedPosition, position: w.position, waitedMs: waited, announced: w.announced };
  const reasons: Record<QueueExit['how'], string> = {
    claimed: `waited ${formatMillis(waited)} in queue (joined at position ${joinedPosition}), got a slot`,
    full: 'queue full',
    timeout: `waited ${formatMillis(waited)} in queue (maxWait ${formatMillis(w.queue.maxWait)}), position ${w.position}`,
    gone: `caller hung up after ${formatMillis(waited)} in queue at position ${w.position}`,
    lost: `queue place lost after ${formatMillis(waited)} (lease expired)`,
  };
  return { how, reason: reasons[how], data };
}
