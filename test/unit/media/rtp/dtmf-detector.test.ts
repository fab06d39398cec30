import { describe, expect, it } from 'vitest';
import { DtmfDetector, decodeTelephoneEvent, dtmfOf } from '../../../../src/media/rtp/index.js';

/** RFC 4733 §2.3 payload: event, E bit + volume, duration. */
function event(code: number, end: boolean, duration = 800, volume = 10): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt8(code, 0);
  payload.writeUInt8((end ? 0x80 : 0) | volume, 1);
  payload.writeUInt16BE(duration, 2);
  return payload;
}

describe('telephone-event payloads (RFC 4733)', () => {
  it('decodes event, end bit, volume and duration', () => {
    expect(decodeTelephoneEvent(event(11, true, 1600, 7))).toEqual({
      event: 11,
      end: true,
      volume: 7,
      duration: 1600,
    });
  });

  it('maps event codes 0-15 to DTMF characters and nothing else', () => {
    expect([...Array(16).keys()].map(dtmfOf).join('')).toBe('0123456789*#ABCD');
    expect(dtmfOf(16)).toBeUndefined();
  });

  it('rejects a payload shorter than 4 bytes', () => {
    expect(() => decodeTelephoneEvent(Buffer.alloc(3))).toThrow(
      expect.objectContaining({ code: 'MEDIA_RTP_MALFORMED' }),
    );
  });
});

describe('DtmfDetector', () => {
  it('reports a digit once although its end packet comes three times', () => {
    const detector = new DtmfDetector();
    const seen = [
      detector.push(1000, event(5, false, 160)),
      detector.push(1000, event(5, false, 320)),
      detector.push(1000, event(5, true, 480)),
      detector.push(1000, event(5, true, 480)),
      detector.push(1000, event(5, true, 480)),
    ].flat();
    expect(seen).toEqual(['5']);
  });

  it('reports the same digit pressed twice, told apart by timestamp', () => {
    const detector = new DtmfDetector();
    const seen = [
      detector.push(1000, event(1, true)),
      detector.push(1000, event(1, true)),
      detector.push(5000, event(1, false)),
      detector.push(5000, event(1, true)),
    ].flat();
    expect(seen).toEqual(['1', '1']);
  });

  it('still reports a digit whose end packets were all lost, when the next event starts', () => {
    const detector = new DtmfDetector();
    expect(detector.push(1000, event(10, false))).toEqual([]);
    expect(detector.push(1000, event(10, false))).toEqual([]);
    expect(detector.push(2000, event(11, false))).toEqual(['*']);
    expect(detector.push(2000, event(11, true))).toEqual(['#']);
  });

  it('ignores non-DTMF events', () => {
    const detector = new DtmfDetector();
    expect([detector.push(1000, event(16, false)), detector.push(1000, event(16, true))].flat()).toEqual([]);
  });
});
