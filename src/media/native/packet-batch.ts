import type { VmsRtpAddon } from './vms-rtp-addon.js';

/** Room per packet: G.711 at 20 ms is 172 bytes, 40 ms 332; a longer packet goes through dgram. */
export const BATCH_STRIDE = 512;

/**
 * The packets one task of the event loop sends on connected RTP sockets (a scheduler slot's announcement
 * packets), queued as copies and handed to native/rtp-send-batch.c in one call when the task ends (a
 * microtask). Nothing is allocated per packet, unlike dgram's send (see rtp-send-batch.c for why that
 * matters). Order is kept; a packet queued for a socket that closes before the flush is dropped.
 */
export class PacketBatch {
  private capacity = 256;
  private fds = new Int32Array(this.capacity);
  private lengths = new Int32Array(this.capacity);
  private packets = Buffer.allocUnsafe(this.capacity * BATCH_STRIDE);
  private count = 0;
  private scheduled = false;
  private readonly flushAtTaskEnd = (): void => {
    this.flush();
  };

  constructor(private readonly addon: VmsRtpAddon) {}

  /** Queues `length` bytes of `packet` for connected socket `fd`; false when longer than BATCH_STRIDE. */
  add(fd: number, packet: Buffer, length: number): boolean {
    if (length > BATCH_STRIDE) return false;
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.fds[i] = fd;
    this.lengths[i] = length;
    packet.copy(this.packets, i * BATCH_STRIDE, 0, length);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.flushAtTaskEnd);
    }
    return true;
  }

  /** Sends what is queued now; returns how many packets the kernel took. */
  flush(): number {
    this.scheduled = false;
    const count = this.count;
    if (count === 0) return 0;
    this.count = 0;
    return this.addon.sendBatch(this.fds, this.lengths, this.packets, count, BATCH_STRIDE);
  }

  /** Drops what is queued for `fd`: its socket is closing (the number may be reused at once). */
  forget(fd: number): void {
    for (let i = 0; i < this.count; i++) if (this.fds[i] === fd) this.fds[i] = -1;
  }

  private grow(): void {
    this.capacity *= 2;
    const fds = new Int32Array(this.capacity);
    const lengths = new Int32Array(this.capacity);
    const packets = Buffer.allocUnsafe(this.capacity * BATCH_STRIDE);
    fds.set(this.fds);
    lengths.set(this.lengths);
    this.packets.copy(packets, 0, 0, this.count * BATCH_STRIDE);
    this.fds = fds;
    this.lengths = lengths;
    this.packets = packets;
  }
}
