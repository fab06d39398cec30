import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../src/engine/call-record.js';
import { CallRecordBuffer } from '../../../../src/engine/live/call-record-buffer.js';

function record(callId: string, traced = false): CallRecord {
  return {
    ...{ callId, caller: '+3222000000', called: '+3278000001', group: 'g', plan: 'p', traced },
    ...{ startedAt: '2026-03-30T10:00:00.000+02:00', steps: [], rang: [], end: { how: 'completed' } },
    variables: {},
  };
}

describe('CallRecordBuffer', () => {
  it('lists the latest records newest first and forgets the oldest beyond its capacity', () => {
    const buffer = new CallRecordBuffer(3, 3);
    for (const id of ['a', 'b', 'c', 'd']) buffer.add(record(id));
    expect(buffer.latest(10).map((r) => r.callId)).toEqual(['d', 'c', 'b']);
    expect(buffer.latest(2).map((r) => r.callId)).toEqual(['d', 'c']);
    expect(buffer.get('a')).toBeUndefined();
  });

  it('keeps a traced call after untraced ones pushed it out of the recent calls', () => {
    const buffer = new CallRecordBuffer(2, 2);
    buffer.add(record('traced', true));
    for (const id of ['x', 'y', 'z']) buffer.add(record(id));
    expect(buffer.latest(10).map((r) => r.callId)).toEqual(['z', 'y']);
    expect(buffer.get('traced')?.traced).toBe(true);
  });
});
