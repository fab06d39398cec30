import { describe, expect, it } from 'vitest';
import { PortPool } from '../../../../src/media/index.js';

describe('PortPool', () => {
  it('hands out every even port of the range once, RTCP room included', () => {
    const pool = new PortPool({ min: 20001, max: 20010 });
    const ports = Array.from({ length: pool.size }, () => pool.allocate());
    expect(ports).toEqual([20002, 20004, 20006, 20008]);
    expect(ports.every((p) => p % 2 === 0 && p + 1 <= 20010)).toBe(true);
  });

  it('throws MEDIA_PORTS_EXHAUSTED when every pair is taken', () => {
    const pool = new PortPool({ min: 30000, max: 30003 });
    pool.allocate();
    pool.allocate();
    expect(pool.available).toBe(0);
    expect(() => pool.allocate()).toThrow(expect.objectContaining({ code: 'MEDIA_PORTS_EXHAUSTED' }));
  });

  it('reuses a released port, but only after the ports that were free before it', () => {
    const pool = new PortPool({ min: 30000, max: 30005 });
    const first = pool.allocate();
    pool.release(first);
    expect([pool.allocate(), pool.allocate(), pool.allocate()]).toEqual([30002, 30004, first]);
  });

  it('ignores a double release and ports outside the range', () => {
    const pool = new PortPool({ min: 30000, max: 30003 });
    const port = pool.allocate();
    pool.release(port);
    pool.release(port);
    pool.release(30001);
    pool.release(40000);
    expect(pool.available).toBe(2);
  });

  it('rejects a range without an even/odd pair', () => {
    expect(() => new PortPool({ min: 30001, max: 30002 })).toThrow(
      expect.objectContaining({ code: 'MEDIA_PORT_RANGE_INVALID' }),
    );
  });
});
