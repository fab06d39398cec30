import { describe, expect, it } from 'vitest';
import { ownBytes } from '../../../../src/sip/message/index.js';

describe('ownBytes', () => {
  it('copies a pooled slice into memory of its own, so keeping it keeps nothing else', () => {
    const pooled = Buffer.allocUnsafe(300).fill(7); // small: cut from Node's shared 8 KiB pool
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    const own = ownBytes(pooled);
    expect(own.equals(pooled)).toBe(true);
    expect(own.buffer.byteLength).toBe(300);
    pooled.fill(0);
    expect(own[0]).toBe(7);
  });
});
