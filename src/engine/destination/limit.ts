/**
 * P8: admission against a destination's limit. A simultaneous slot is held by the call id with a lease
 * that is renewed while the call is up, so a dead instance's slots expire by themselves (M4). The
 * per-interval limit counts attempts: one per destination visit, whatever the number of numbers rung.
 */
import type { DestinationLimit } from '../../plan/types.js';
import type { CallContext } from '../call-context.js';
import { formatMillis } from './durations.js';

export const SLOT_LEASE_MS = 60_000;
export const SLOT_RENEW_MS = 20_000;

export type Admission =
  | { readonly admitted: true; readonly holdsSlot: boolean; readonly reason: string }
  | { readonly admitted: false; readonly reason: string };

/** Takes a slot first (it can be given back), then counts the attempt against the interval. */
export async function admit(limit: DestinationLimit, ctx: CallContext): Promise<Admission> {
  const { store } = ctx.ports;
  const notes: string[] = [];
  if (limit.simultaneous !== undefined) {
    const slot = await store.acquireSlot(limit.key, ctx.callId, limit.simultaneous, SLOT_LEASE_MS);
    if (!slot.acquired)
      return { admitted: false, reason: `${slot.inUse}/${limit.simultaneous} simultaneous calls in use` };
    notes.push(`slot ${slot.inUse}/${limit.simultaneous}`);
  }
  if (limit.perInterval !== undefined) {
    const { calls, interval } = limit.perInterval;
    const rate = await store.hitRate(limit.key, calls, interval);
    if (!rate.allowed) {
      if (limit.simultaneous !== undefined) await store.releaseSlot(limit.key, ctx.callId);
      return {
        admitted: false,
        reason: `${rate.count} calls in the last ${formatMillis(interval)} (limit ${calls})`,
      };
    }
    notes.push(`${rate.count}/${calls} calls in ${formatMillis(interval)}`);
  }
  return { admitted: true, holdsSlot: limit.simultaneous !== undefined, reason: notes.join(', ') };
}

/** Renews the call's slot lease until the returned function is called. */
export function keepSlot(ctx: CallContext, key: string): () => void {
  const stop = new AbortController();
  const renewLoop = async (): Promise<void> => {
    while (await ctx.ports.clock.sleep(SLOT_RENEW_MS, stop.signal)) {
      const renewed = await ctx.ports.store.renewSlot(key, ctx.callId, SLOT_LEASE_MS);
      if (!renewed) ctx.log.warn({ key }, 'limit slot lost before renewal');
    }
  };
  renewLoop().catch((err: unknown) => ctx.log.error({ err, key }, 'limit slot renewal failed'));
  return () => stop.abort();
}
