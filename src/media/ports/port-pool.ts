import { AppError } from '../../errors/app-error.js';

export interface PortRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The even RTP ports of a range (RFC 3550 §11: RTP on an even port, RTCP on the next odd one), handed out
 * in FIFO order so a port just released is the last to be reused: late packets of an ended call then do
 * not land in a new one. Allocation and release are O(1) (a ring buffer of free ports).
 */
export class PortPool {
  private readonly ring: Int32Array;
  private readonly used: Uint8Array;
  private head = 0;
  private count: number;
  private readonly first: number;

  constructor(range: PortRange) {
    this.first = range.min + (range.min % 2);
    const size = Math.floor((range.max - this.first + 1) / 2);
    if (!Number.isInteger(range.min) || range.min < 1 || range.max > 65535 || size < 1) {
      throw new AppError('MEDIA_PORT_RANGE_INVALID', `no even/odd port pair in ${range.min}-${range.max}`, {
        details: { ...range },
      });
    }
    this.ring = new Int32Array(size);
    this.used = new Uint8Array(size);
    for (let i = 0; i < size; i++) this.ring[i] = this.first + 2 * i;
    this.count = size;
  }

  /** Pairs in the range. */
  get size(): number {
    return this.ring.length;
  }

  /** Pairs free right now. */
  get available(): number {
    return this.count;
  }

  /** The next free even port; throws MEDIA_PORTS_EXHAUSTED when every pair is taken. */
  allocate(): number {
    if (this.count === 0) {
      throw new AppError('MEDIA_PORTS_EXHAUSTED', `all ${this.size} RTP port pairs are in use`, {
        details: { size: this.size },
      });
    }
    const port = this.ring[this.head] as number;
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    this.used[(port - this.first) / 2] = 1;
    return port;
  }

  /** Gives a port back (to the end of the queue). Releasing a port twice, or a foreign one, is a no-op. */
  release(port: number): void {
    const index = (port - this.first) / 2;
    if (!Number.isInteger(index) || index < 0 || index >= this.size || this.used[index] === 0) return;
    this.used[index] = 0;
    this.ring[(this.head + this.count) % this.ring.length] = port;
    this.count++;
  }
}
