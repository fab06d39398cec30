import { describe, expect, it } from 'vitest';
import { parseDtmfInfo } from '../../../../src/media/index.js';

describe('parseDtmfInfo', () => {
  it('reads the Signal of an application/dtmf-relay body', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toBe('5');
    expect(
      parseDtmfInfo('Application/DTMF-Relay; charset=utf-8', Buffer.from('signal= #\nDuration=250')),
    ).toBe('#');
  });

  it('maps Signal=10 and 11 to * and #', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=10\r\nDuration=160')).toBe('*');
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=11\r\nDuration=160')).toBe('#');
  });

  it('reads an application/dtmf body', () => {
    expect(parseDtmfInfo('application/dtmf', '7\r\n')).toBe('7');
    expect(parseDtmfInfo('application/dtmf', 'a')).toBe('A');
  });

  it('returns undefined for other bodies and content types', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Duration=160')).toBeUndefined();
    expect(parseDtmfInfo('application/dtmf', 'X')).toBeUndefined();
    expect(parseDtmfInfo('application/sdp', '5')).toBeUndefined();
  });
});
