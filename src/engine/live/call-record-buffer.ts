import type { CallRecord } from '../call-record.js';

/**
 * The most recent call records (S3, S5), bounded: the last `capacity` calls, plus records of traced
 * callers kept apart (their own bound) so that a busy engine does not push them out at once.
 */
export class CallRecordBuffer {
  private readonly recent = new Map<string, CallRecord>();
  private readonly traced = new Map<string, CallRecord>();

  constructor(
    private readonly capacity = 1000,
    private readonly tracedCapacity = 1000,
  ) {}

  add(record: CallRecord): void {
    keep(this.recent, record, this.capacity);
    if (record.traced) keep(this.traced, record, this.tracedCapacity);
  }

  /** Newest first. */
  latest(limit: number): CallRecord[] {
    const all = [...this.recent.values()];
    return all.slice(Math.max(0, all.length - limit)).reverse();
  }

  get(callId: string): CallRecord | undefined {
    return this.traced.get(callId) ?? this.recent.get(callId);
  }
}

function keep(map: Map<string, CallRecord>, record: CallRecord, capacity: number): void {
  map.delete(record.callId);
  map.set(record.callId, record);
  if (map.size > capacity) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}
